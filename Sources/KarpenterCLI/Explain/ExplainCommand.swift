import ArgumentParser

/// `kubectl karpenter explain <kind> ...`: why Karpenter decides what it decides.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain Karpenter's decisions for a pod.",
        subcommands: [ExplainPodCommand.self]
    )
}
