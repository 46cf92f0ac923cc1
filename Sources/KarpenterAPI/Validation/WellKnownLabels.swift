/// Label keys Karpenter understands on nodes and instance types (API.md section 6).
public enum WellKnownLabels {
    public static let core: [String] = [
        "karpenter.sh/nodepool", "topology.kubernetes.io/zone", "topology.kubernetes.io/region",
        "node.kubernetes.io/instance-type", "kubernetes.io/arch", "kubernetes.io/os",
        "karpenter.sh/capacity-type", "node.kubernetes.io/windows-build",
    ]

    public static let azure: [String] = [
        "karpenter.azure.com/sku-name", "karpenter.azure.com/sku-family", "karpenter.azure.com/sku-series",
        "karpenter.azure.com/sku-version", "karpenter.azure.com/sku-cpu", "karpenter.azure.com/sku-memory",
        "kubernetes.azure.com/sku-cpu", "kubernetes.azure.com/sku-memory",
        "karpenter.azure.com/sku-networking-accelerated", "karpenter.azure.com/sku-storage-premium-capable",
        "karpenter.azure.com/sku-storage-ephemeralos-maxsize", "karpenter.azure.com/sku-storage-ultra-ssd",
        "karpenter.azure.com/sku-gpu-name", "karpenter.azure.com/sku-gpu-manufacturer", "karpenter.azure.com/sku-gpu-count",
        "karpenter.azure.com/placement-scope", "kubernetes.azure.com/cluster", "kubernetes.azure.com/mode",
        "kubernetes.azure.com/scalesetpriority", "kubernetes.azure.com/priority", "kubernetes.azure.com/os-sku",
        "kubernetes.azure.com/fips_enabled",
    ]

    public static let all: Set<String> = Set(core + azure + ["kubernetes.io/hostname"])

    /// Deprecated keys Karpenter rewrites before scheduling.
    public static let deprecatedAliases: [String: String] = [
        "failure-domain.beta.kubernetes.io/zone": "topology.kubernetes.io/zone",
        "failure-domain.beta.kubernetes.io/region": "topology.kubernetes.io/region",
        "beta.kubernetes.io/arch": "kubernetes.io/arch",
        "beta.kubernetes.io/os": "kubernetes.io/os",
        "beta.kubernetes.io/instance-type": "node.kubernetes.io/instance-type",
        "topology.disk.csi.azure.com/zone": "topology.kubernetes.io/zone",
    ]

    public static func normalize(_ key: String) -> String { deprecatedAliases[key] ?? key }
}
