import ArgumentParser

/// `kubectl karpenter disrupt <kind> ...`: remove capacity the way Karpenter would.
struct DisruptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disrupt",
        abstract: "Disrupt a Karpenter node gracefully, or preview what that would do.",
        discussion: """
        Examples:
          kubectl karpenter disrupt node aks-general-abcde --dry-run
          kubectl karpenter disrupt node aks-general-abcde --wait
        """,
        subcommands: [DisruptNodeCommand.self]
    )
}
