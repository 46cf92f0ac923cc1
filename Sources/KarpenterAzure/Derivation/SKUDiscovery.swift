/// Why discovery drops a SKU (INSTANCETYPES.md §1). Raw values match the oracle fixtures.
public enum SKUExclusionReason: String, Sendable, Hashable, CaseIterable {
    case notVirtualMachine = "not-a-vm"
    case restrictedList = "restricted-list"
    case unparsableSize = "unparsable-size"
    case locationRestricted = "location-restricted"
    case tooFewVCPUs = "vcpu<2"
    case tooLittleMemory = "memory<3.5GiB"
    case unsupportedGPU = "unsupported-gpu"
    case constrainedVCPUs = "constrained-vcpu"
    case confidential = "confidential"
}

public struct SKUDiscoveryResult: Sendable {
    /// Surviving SKUs with their parsed facts, in input order.
    public var kept: [AzureSKUFacts]
    /// Dropped SKU names with every reason that applies, in the order of `SKUExclusionReason`.
    public var excluded: [(name: String, reasons: [SKUExclusionReason])]
}

public enum SKUDiscovery {
    /// Every reason `sku` is dropped in `region`; empty when it is kept.
    public static func exclusionReasons(_ sku: AzureSKU, region: String,
                                        supportedGPUs: SupportedGPUs = .upstream) -> [SKUExclusionReason] {
        exclusionReasons(sku, sizeName: VMSizeName(size: sku.size), region: region, supportedGPUs: supportedGPUs)
    }

    static func exclusionReasons(_ sku: AzureSKU, sizeName: VMSizeName?, region: String,
                                 supportedGPUs: SupportedGPUs) -> [SKUExclusionReason] {
        typealias C = AzureSKU.Capability
        var reasons: [SKUExclusionReason] = []
        if sku.resourceType != "virtualMachines" { reasons.append(.notVirtualMachine) }
        if RestrictedSKUs.contains(sku.name) { reasons.append(.restrictedList) }
        if sizeName == nil { reasons.append(.unparsableSize) }
        if sku.isLocationRestricted(in: region) { reasons.append(.locationRestricted) }
        if sku.int(C.vCPUs) < 2 { reasons.append(.tooFewVCPUs) }
        if sku.double(C.memoryGB) < 3.5 { reasons.append(.tooLittleMemory) }
        if sku.int(C.gpus) > 0 && supportedGPUs.entry(forSKU: sku.name) == nil { reasons.append(.unsupportedGPU) }
        if sizeName?.isConstrained == true { reasons.append(.constrainedVCPUs) }
        if sku.size.hasPrefix("DC") || sku.size.hasPrefix("EC") { reasons.append(.confidential) }
        return reasons
    }

    /// Splits `skus` into the ones discovery keeps (with facts) and the ones it drops.
    public static func run(_ skus: [AzureSKU], region: String,
                           supportedGPUs: SupportedGPUs = .upstream) -> SKUDiscoveryResult {
        var result = SKUDiscoveryResult(kept: [], excluded: [])
        result.kept.reserveCapacity(skus.count)
        for sku in skus {
            let sizeName = VMSizeName(size: sku.size)
            let reasons = exclusionReasons(sku, sizeName: sizeName, region: region, supportedGPUs: supportedGPUs)
            if reasons.isEmpty, let sizeName,
               let facts = AzureSKUFacts(sku: sku, sizeName: sizeName, region: region, supportedGPUs: supportedGPUs) {
                result.kept.append(facts)
            } else {
                result.excluded.append((sku.name, reasons))
            }
        }
        return result
    }
}
