import ArgumentParser

public struct KarpenterCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "kubectl-karpenter",
        abstract: "Validate, explain and simulate Karpenter for AKS.",
        subcommands: [ValidateCommand.self]
    )
    public init() {}
}
