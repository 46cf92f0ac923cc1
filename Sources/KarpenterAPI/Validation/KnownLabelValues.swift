/// Label values that can actually occur, per key, for warnings such as "no Azure SKU has
/// sku-family X". Keys that are absent here are not checked.
public struct KnownLabelValues: Sendable {
    public var values: [String: Set<String>]

    public init(_ values: [String: Set<String>]) {
        self.values = values
    }

    /// The closed value sets the Azure provider registers (API.md section 2.4).
    public static let azureDefaults = KnownLabelValues([
        "karpenter.sh/capacity-type": ["on-demand", "spot"],
        "karpenter.azure.com/sku-networking-accelerated": ["true", "false"],
        "karpenter.azure.com/sku-storage-premium-capable": ["true", "false"],
        "karpenter.azure.com/sku-storage-ultra-ssd": ["true", "false"],
        "karpenter.azure.com/sku-gpu-manufacturer": ["nvidia", "amd"],
        "karpenter.azure.com/placement-scope": ["zonal", "regional"],
        "kubernetes.azure.com/mode": ["system", "user"],
        "kubernetes.azure.com/scalesetpriority": ["regular", "spot"],
        "kubernetes.azure.com/priority": ["regular", "spot"],
        "kubernetes.azure.com/os-sku": ["Ubuntu", "AzureLinux"],
        "kubernetes.azure.com/fips_enabled": ["true"],
        "kubernetes.io/os": ["linux"],
        "kubernetes.io/arch": ["amd64", "arm64"],
    ])

    /// These sets plus `more` (for example every value an instance-type catalog offers).
    public func merging(_ more: [String: Set<String>]) -> KnownLabelValues {
        KnownLabelValues(values.merging(more) { $0.union($1) })
    }
}
