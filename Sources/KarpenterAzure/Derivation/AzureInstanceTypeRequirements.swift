import KarpenterScheduling

/// The label requirements one SKU advertises (LABELS.md §2).
enum AzureInstanceTypeRequirements {
    /// Interned once: every SKU builds requirements on the same ~30 keys.
    private enum Key {
        static let instanceType = LabelKey(SchedulingLabel.instanceType)
        static let arch = LabelKey(SchedulingLabel.arch)
        static let os = LabelKey(SchedulingLabel.os)
        static let zone = LabelKey(SchedulingLabel.zone)
        static let region = LabelKey(SchedulingLabel.region)
        static let capacityType = LabelKey(SchedulingLabel.capacityType)
        static let placementScope = LabelKey(AzureLabels.placementScope)
        static let ultraSSD = LabelKey(AzureLabels.skuStorageUltraSSD)
        static let skuName = LabelKey(AzureLabels.skuName)
        static let skuFamily = LabelKey(AzureLabels.skuFamily)
        static let skuSeries = LabelKey(AzureLabels.skuSeries)
        static let skuVersion = LabelKey(AzureLabels.skuVersion)
        static let skuCPU = LabelKey(AzureLabels.skuCPU)
        static let skuMemory = LabelKey(AzureLabels.skuMemory)
        static let aksSKUCPU = LabelKey(AzureLabels.aksSKUCPU)
        static let aksSKUMemory = LabelKey(AzureLabels.aksSKUMemory)
        static let gpuCount = LabelKey(AzureLabels.skuGPUCount)
        static let gpuManufacturer = LabelKey(AzureLabels.skuGPUManufacturer)
        static let gpuName = LabelKey(AzureLabels.skuGPUName)
        static let premium = LabelKey(AzureLabels.skuStoragePremiumCapable)
        static let accelerated = LabelKey(AzureLabels.skuNetworkingAccelerated)
        static let ephemeral = LabelKey(AzureLabels.skuStorageEphemeralOSMaxSize)
        static let hyperV = LabelKey(AzureLabels.skuHyperVGeneration)
        static let mode = LabelKey(AzureLabels.aksMode)
        static let scaleSetPriority = LabelKey(AzureLabels.aksScaleSetPriority)
        static let priority = LabelKey(AzureLabels.aksPriority)
        static let osSKU = LabelKey(AzureLabels.aksOSSKU)
        static let fips = LabelKey(AzureLabels.aksFIPSEnabled)
        static let cluster = LabelKey(AzureLabels.aksCluster)
    }

    static func build(_ facts: AzureSKUFacts, offerings: [Offering], ultraSSDValues: [String],
                      options: AzureOperatorOptions, nodeClass: AzureNodeClassParameters) -> Requirements {
        typealias L = AzureLabels
        let name = facts.sku.name
        let sizeName = facts.sizeName
        let available = offerings.filter(\.available)
        let cpu = String(facts.vCPUs)
        let memory = String(facts.memoryMiB)

        func single(_ key: LabelKey, _ value: String?) -> Requirement {
            value.map { .in(key, [$0]) } ?? .doesNotExist(key)
        }

        var requirements = Requirements([
            .in(Key.instanceType, [name]),
            .in(Key.arch, [facts.architecture]),
            .in(Key.os, ["linux"]),
            .in(Key.zone, available.map(\.zone)),
            .in(Key.region, [options.region]),
            .in(Key.capacityType, available.map(\.capacityType)),
            .in(Key.placementScope, available.map { $0.zone == L.regionalZone ? L.placementRegional : L.placementZonal }),
            .in(Key.ultraSSD, ultraSSDValues),
            .in(Key.skuName, [name]),
            .in(Key.skuFamily, [sizeName.family]),
            .in(Key.skuSeries, [sizeName.series]),
            single(Key.skuVersion, sizeName.versionLabel),
            .in(Key.skuCPU, [cpu]),
            .in(Key.skuMemory, [memory]),
            .in(Key.aksSKUCPU, [cpu]),
            .in(Key.aksSKUMemory, [memory]),
            .in(Key.gpuCount, [String(facts.gpuCount)]),
            single(Key.gpuManufacturer, facts.gpu?.vendor.rawValue),
            single(Key.gpuName, facts.gpu != nil && !sizeName.accelerator.isEmpty ? sizeName.accelerator : nil),
            .in(Key.premium, [String(facts.premiumIO)]),
            .in(Key.accelerated, [String(facts.acceleratedNetworking)]),
            single(Key.ephemeral, facts.ephemeralOSDisk.maxSizeGB > 0 ? String(facts.ephemeralOSDisk.maxSizeGB) : nil),
            facts.hyperVGenerations.isEmpty ? .doesNotExist(Key.hyperV) : .in(Key.hyperV, facts.hyperVGenerations),
            .in(Key.mode, ["system", "user"]),
            .in(Key.scaleSetPriority, [L.priorityRegular, L.prioritySpot]),
            .in(Key.priority, [L.priorityRegular, L.prioritySpot]),
            .in(Key.osSKU, [nodeClass.osSKU]),
            nodeClass.fipsMode ? .in(Key.fips, ["true"]) : .doesNotExist(Key.fips),
        ])
        if let group = options.nodeResourceGroup {
            requirements.add(.in(Key.cluster, [AzureLabels.normalizedClusterName(group)]))
        }
        return requirements
    }
}
