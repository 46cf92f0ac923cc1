/// Where an ephemeral OS disk can live and how large it can be (LABELS.md §3).
public struct EphemeralOSDisk: Sendable, Hashable {
    public enum Placement: String, Sendable, Hashable {
        case nvmeDisk = "NvmeDisk", cacheDisk = "CacheDisk", resourceDisk = "ResourceDisk"
    }

    /// Decimal GB; 0 = no ephemeral OS disk (label DoesNotExist).
    public let maxSizeGB: Int64
    public let placement: Placement?

    public init(sku: AzureSKU) {
        typealias C = AzureSKU.Capability
        guard sku.bool(C.ephemeralOSDiskSupported) else {
            self.init(maxSizeGB: 0, placement: nil)
            return
        }
        let nvmeMiB = sku.int(C.nvmeDiskSizeInMiB)
        let placements = (sku.capabilities[C.ephemeralOSDiskPlacements] ?? "").split(separator: ",")
            .map { String($0.filter { $0 != " " }) }
        if nvmeMiB > 0 && placements.contains(Placement.nvmeDisk.rawValue) {
            self.init(maxSizeGB: nvmeMiB * 1_048_576 / 1_000_000_000, placement: .nvmeDisk)
        } else if sku.int(C.cachedDiskBytes) > 0 {
            self.init(maxSizeGB: sku.int(C.cachedDiskBytes) / 1_000_000_000, placement: .cacheDisk)
        } else if sku.int(C.maxResourceVolumeMB) > 0 {
            self.init(maxSizeGB: sku.int(C.maxResourceVolumeMB) * 1_048_576 / 1_000_000_000, placement: .resourceDisk)
        } else {
            self.init(maxSizeGB: 0, placement: nil)
        }
    }

    init(maxSizeGB: Int64, placement: Placement?) {
        self.maxSizeGB = maxSizeGB
        self.placement = placement
    }

    /// A VM gets an ephemeral OS disk iff the requested OS disk fits.
    public func fits(osDiskSizeGB: Int64) -> Bool { maxSizeGB > 0 && osDiskSizeGB <= maxSizeGB }
}
