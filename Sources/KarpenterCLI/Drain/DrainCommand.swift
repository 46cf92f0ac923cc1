import ArgumentParser

/// `kubectl karpenter drain <kind> ...`: drain through Karpenter's termination flow.
struct DrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drain",
        abstract: "Drain and remove a Karpenter node through its NodeClaim.",
        discussion: """
        Examples:
          kubectl karpenter drain node aks-general-abcde
          kubectl karpenter drain node aks-general-abcde --wait --timeout 20m
        """,
        subcommands: [DrainNodeCommand.self]
    )
}
