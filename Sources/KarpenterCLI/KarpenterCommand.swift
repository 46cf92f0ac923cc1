import ArgumentParser

public struct KarpenterCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "kubectl-karpenter",
        abstract: "Validate, explain and simulate Karpenter for AKS.",
        subcommands: [SimulateCommand.self, ExplainCommand.self, ValidateCommand.self, ConvertCommand.self, CrdsCommand.self, VersionCommand.self]
    )
    public init() {}
}
