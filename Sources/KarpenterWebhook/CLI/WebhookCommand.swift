import ArgumentParser

/// `karpenter-webhook`: serves admission and conversion reviews for the Karpenter CRDs.
public struct WebhookCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "karpenter-webhook",
        abstract: "TLS admission and conversion webhook for NodePool, NodeClaim and AKSNodeClass.",
        subcommands: [ServeCommand.self, CertsCommand.self, WebhookBenchCommand.self],
        defaultSubcommand: ServeCommand.self
    )
    public init() {}
}
