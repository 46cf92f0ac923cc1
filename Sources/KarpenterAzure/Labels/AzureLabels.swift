import KarpenterAPI
import KarpenterScheduling

/// Label keys the Azure provider advertises (LABELS.md §2, §7).
public enum AzureLabels {
    public static let skuName = WellKnownLabel.skuName
    public static let skuFamily = WellKnownLabel.skuFamily
    public static let skuSeries = WellKnownLabel.skuSeries
    public static let skuVersion = WellKnownLabel.skuVersion
    public static let skuCPU = WellKnownLabel.skuCPU
    public static let skuMemory = WellKnownLabel.skuMemory
    public static let skuNetworkingAccelerated = WellKnownLabel.skuNetworkingAccelerated
    public static let skuStoragePremiumCapable = WellKnownLabel.skuStoragePremiumCapable
    public static let skuStorageEphemeralOSMaxSize = WellKnownLabel.skuStorageEphemeralOSMaxSize
    public static let skuStorageUltraSSD = WellKnownLabel.skuStorageUltraSSD
    public static let skuGPUName = WellKnownLabel.skuGPUName
    public static let skuGPUManufacturer = WellKnownLabel.skuGPUManufacturer
    public static let skuGPUCount = WellKnownLabel.skuGPUCount
    public static let placementScope = WellKnownLabel.placementScope
    /// Restricted: not usable in NodePools, used to match images.
    public static let skuHyperVGeneration = WellKnownLabel.skuHyperVGeneration

    public static let aksCluster = WellKnownLabel.aksCluster
    public static let aksMode = WellKnownLabel.aksMode
    public static let aksScaleSetPriority = WellKnownLabel.aksScaleSetPriority
    public static let aksPriority = WellKnownLabel.aksPriority
    public static let aksOSSKU = WellKnownLabel.aksOSSKU
    public static let aksFIPSEnabled = WellKnownLabel.aksFIPSEnabled
    public static let aksSKUCPU = WellKnownLabel.aksSKUCPU
    public static let aksSKUMemory = WellKnownLabel.aksSKUMemory

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
