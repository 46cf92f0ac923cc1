import ArgumentParser

public struct KarpenterCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "kubectl-karpenter",
        abstract: "Validate, explain and simulate Karpenter for AKS.",
        discussion: """
        Examples:
          kubectl karpenter simulate
          kubectl karpenter simulate -f manifests/ -R -o json
          kubectl karpenter explain pod trainer -n ml
          kubectl karpenter explain node aks-general-x7k2p
          kubectl karpenter disrupt node aks-general-x7k2p --dry-run
          kubectl karpenter drain node aks-general-x7k2p --wait
          kubectl karpenter validate -f nodepool.yaml
          kubectl karpenter convert -f old-nodepool.yaml
          kubectl karpenter crds -o charts/karpenter/crds
          kubectl karpenter <command> --help
        """,
        subcommands: [SimulateCommand.self, ExplainCommand.self, GetCommand.self, DisruptCommand.self, DrainCommand.self, ValidateCommand.self, ConvertCommand.self, CrdsCommand.self, VersionCommand.self]
    )
    public init() {}
}
