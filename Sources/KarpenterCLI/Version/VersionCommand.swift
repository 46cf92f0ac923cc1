import ArgumentParser

/// The plugin's version, printed by `kubectl karpenter version`.
public enum KarpenterVersion {
    public static let current = "0.1.0"
    public static let apiVersions = ["karpenter.sh/v1", "karpenter.sh/v1beta1", "karpenter.azure.com/v1alpha2", "karpenter.azure.com/v1beta1"]
}

struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version",
        abstract: "Print the plugin version and the API versions it understands.",
        discussion: """
        Examples:
          kubectl karpenter version
        """
    )

    func run() {
        print("kubectl-karpenter \(KarpenterVersion.current)")
        print("APIs: \(KarpenterVersion.apiVersions.joined(separator: ", "))")
    }
}
