import KarpenterScheduling

/// Turns Azure SKUs into Karpenter instance types (INSTANCETYPES.md, LABELS.md). Pure: the
/// same code runs on live resourceSkus data, test fixtures and the embedded catalog.
public struct AzureInstanceTypeProvider: Sendable {
    public var options: AzureOperatorOptions
    public var prices: AzurePriceTable
    public var knownSKUs: KnownSKUs
    public var supportedGPUs: SupportedGPUs

    public init(options: AzureOperatorOptions, prices: AzurePriceTable,
                knownSKUs: KnownSKUs = .upstream, supportedGPUs: SupportedGPUs = .upstream) {
        self.options = options
        self.prices = prices
        self.knownSKUs = knownSKUs
        self.supportedGPUs = supportedGPUs
    }

    /// Discovery (§1) then, per surviving SKU, offerings, requirements, capacity and overhead;
    /// SKUs rejected by the node-class filters (§5) or without offerings are left out.
    public func instanceTypes(from skus: [AzureSKU], nodeClass: AzureNodeClassParameters = .init(),
                              availability: OfferingAvailability = .unrestricted) -> [InstanceType] {
        let discovered = SKUDiscovery.run(skus, region: options.region, supportedGPUs: supportedGPUs)
        var result: [InstanceType] = []
        result.reserveCapacity(discovered.kept.count)
        var cache: [String: Requirements] = [:]
        for facts in discovered.kept where NodeClassFilter.rejections(facts, nodeClass).isEmpty {
            if let instanceType = instanceType(for: facts, nodeClass: nodeClass, availability: availability, cache: &cache) {
                result.append(instanceType)
            }
        }
        return result
    }

    public func facts(for sku: AzureSKU) -> AzureSKUFacts? {
        AzureSKUFacts(sku: sku, region: options.region, supportedGPUs: supportedGPUs)
    }

    /// The instance type for one SKU without discovery or node-class filtering (explain and
    /// tests use this to show what an excluded SKU would have looked like). nil when the size
    /// does not parse or there are no offerings.
    public func instanceType(for sku: AzureSKU, nodeClass: AzureNodeClassParameters = .init(),
                             availability: OfferingAvailability = .unrestricted) -> InstanceType? {
        facts(for: sku).flatMap { instanceType(for: $0, nodeClass: nodeClass, availability: availability) }
    }

    public func instanceType(for facts: AzureSKUFacts, nodeClass: AzureNodeClassParameters,
                             availability: OfferingAvailability) -> InstanceType? {
        var cache: [String: Requirements] = [:]
        return instanceType(for: facts, nodeClass: nodeClass, availability: availability, cache: &cache)
    }

    func instanceType(for facts: AzureSKUFacts, nodeClass: AzureNodeClassParameters,
                      availability: OfferingAvailability, cache: inout [String: Requirements]) -> InstanceType? {
        let offered = AzureOfferings.build(facts, region: options.region, prices: prices, known: knownSKUs,
                                           availability: availability, cache: &cache)
        guard !offered.offerings.isEmpty else { return nil }
        let requirements = AzureInstanceTypeRequirements.build(
            facts, offerings: offered.offerings, ultraSSDValues: offered.ultraSSDValues,
            options: options, nodeClass: nodeClass)
        return InstanceType(name: facts.sku.name, requirements: requirements,
                            capacity: capacity(facts, nodeClass: nodeClass),
                            overhead: overhead(facts), offerings: offered.offerings)
    }

    /// §2: cpu, memory after hypervisor overhead, OS disk, maxPods, both GPU resources.
    public func capacity(_ facts: AzureSKUFacts, nodeClass: AzureNodeClassParameters) -> ResourceVector {
        let gpus = facts.gpuCount
        let vendor = facts.gpu?.vendor
        return ResourceVector(
            cpuMillis: facts.vCPUs * 1000,
            memoryBytes: Self.memoryBytes(memoryGiB: facts.memoryGiB, overheadPercent: options.vmMemoryOverheadPercent),
            ephemeralStorageBytes: nodeClass.osDiskSizeGB * 1_000_000_000,
            pods: nodeClass.resolvedMaxPods(options),
            extended: [
                SupportedGPUs.Vendor.nvidia.resourceName: vendor == .nvidia ? gpus : 0,
                SupportedGPUs.Vendor.amd.resourceName: vendor == .amd ? gpus : 0,
            ])
    }

    /// `trunc(MemoryGB)` GiB minus `ceil(that × overheadPercent)` bytes.
    public static func memoryBytes(memoryGiB: Double, overheadPercent: Double) -> Int64 {
        let total = Int64(memoryGiB) * 1_073_741_824
        return total - Int64((Double(total) * overheadPercent).rounded(.up))
    }

    /// §3: kube-reserved brackets, no system-reserved, 750Mi eviction threshold.
    public func overhead(_ facts: AzureSKUFacts) -> InstanceTypeOverhead {
        InstanceTypeOverhead(
            kubeReserved: ResourceVector(cpuMillis: KubeReserved.cpuMillis(vCPUs: facts.vCPUs),
                                       memoryBytes: KubeReserved.memoryBytes(memoryGiB: facts.memoryGiB)),
            systemReserved: .zero,
            evictionThreshold: ResourceVector(memoryBytes: KubeReserved.evictionThresholdMemoryBytes))
    }
}
