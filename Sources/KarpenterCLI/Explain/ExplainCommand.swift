import ArgumentParser

/// `kubectl karpenter explain <kind> ...`: why Karpenter decides what it decides.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain Karpenter's decisions for a pod or a node.",
        discussion: """
        Examples:
          kubectl karpenter explain pod trainer -n ml
          kubectl karpenter explain pod web-0 -n shop -f manifests/ -R -o json
          kubectl karpenter explain node aks-general-x7k2p
        """,
        subcommands: [ExplainPodCommand.self, ExplainNodeCommand.self]
    )
}
