import ArgumentParser

public struct KarpenterCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "kubectl-karpenter",
        abstract: "Validate, explain and simulate Karpenter for AKS.",
        subcommands: [ValidateCommand.self, ConvertCommand.self, VersionCommand.self]
    )
    public init() {}
}
