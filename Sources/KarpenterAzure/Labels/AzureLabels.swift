import KarpenterScheduling

/// Label keys the Azure provider advertises (LABELS.md §2, §7).
public enum AzureLabels {
    public static let skuName = "karpenter.azure.com/sku-name"
    public static let skuFamily = "karpenter.azure.com/sku-family"
    public static let skuSeries = "karpenter.azure.com/sku-series"
    public static let skuVersion = "karpenter.azure.com/sku-version"
    public static let skuCPU = "karpenter.azure.com/sku-cpu"
    public static let skuMemory = "karpenter.azure.com/sku-memory"
    public static let skuNetworkingAccelerated = "karpenter.azure.com/sku-networking-accelerated"
    public static let skuStoragePremiumCapable = "karpenter.azure.com/sku-storage-premium-capable"
    public static let skuStorageEphemeralOSMaxSize = "karpenter.azure.com/sku-storage-ephemeralos-maxsize"
    public static let skuStorageUltraSSD = "karpenter.azure.com/sku-storage-ultra-ssd"
    public static let skuGPUName = "karpenter.azure.com/sku-gpu-name"
    public static let skuGPUManufacturer = "karpenter.azure.com/sku-gpu-manufacturer"
    public static let skuGPUCount = "karpenter.azure.com/sku-gpu-count"
    public static let placementScope = "karpenter.azure.com/placement-scope"
    /// Restricted: not usable in NodePools, used to match images.
    public static let skuHyperVGeneration = "karpenter.azure.com/sku-hyperv-generation"

    public static let aksCluster = "kubernetes.azure.com/cluster"
    public static let aksMode = "kubernetes.azure.com/mode"
    public static let aksScaleSetPriority = "kubernetes.azure.com/scalesetpriority"
    public static let aksPriority = "kubernetes.azure.com/priority"
    public static let aksOSSKU = "kubernetes.azure.com/os-sku"
    public static let aksFIPSEnabled = "kubernetes.azure.com/fips_enabled"
    public static let aksSKUCPU = "kubernetes.azure.com/sku-cpu"
    public static let aksSKUMemory = "kubernetes.azure.com/sku-memory"

    public static let placementZonal = "zonal"
    public static let placementRegional = "regional"
    public static let regionalZone = "0"
    public static let priorityRegular = "regular"
    public static let prioritySpot = "spot"

    /// Core well-known keys plus every Azure scheduling key: what "allow undefined
    /// well-known labels" means on AKS.
    public static let wellKnown: LabelKeySet = SchedulingLabel.core.union(LabelKeySet([
        skuName, skuFamily, skuSeries, skuVersion, skuCPU, skuMemory, skuNetworkingAccelerated,
        skuStoragePremiumCapable, skuStorageEphemeralOSMaxSize, skuStorageUltraSSD, skuGPUName,
        skuGPUManufacturer, skuGPUCount, placementScope, skuHyperVGeneration,
        aksCluster, aksMode, aksScaleSetPriority, aksPriority, aksOSSKU, aksFIPSEnabled, aksSKUCPU, aksSKUMemory,
    ]))

    /// Keys NodePools may not use.
    public static let restricted: Set<String> = [skuHyperVGeneration]

    /// `kubernetes.azure.com/cluster` value from the node resource group (LABELS.md §6).
    public static func normalizedClusterName(_ nodeResourceGroup: String) -> String {
        var name = String(nodeResourceGroup.map { $0 == "(" || $0 == ")" ? "-" : $0 }.prefix(63))
        if let last = name.last, last == "-" || last == "_" || last == "." {
            if name.count == 63 { name.removeLast() }
            name.append("z")
        }
        return name
    }
}
