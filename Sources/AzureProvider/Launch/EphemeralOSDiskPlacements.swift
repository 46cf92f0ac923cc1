import KarpenterAzure

/// Where each SKU of the region can hold an ephemeral OS disk and how large it may be, from
/// the embedded SKU catalog (the instance types carry only the size, as a label).
struct EphemeralOSDiskPlacements: Sendable {
    private let disks: [String: EphemeralOSDisk]

    init(region: String) {
        let skus = (try? AzureCatalog.embeddedData(region: region).skus) ?? []
        disks = Dictionary(skus.map { ($0.name, EphemeralOSDisk(sku: $0)) }) { first, _ in first }
    }

    /// The placement when the OS disk fits on the VM's local storage (CLOUD.md §4 step 8), else nil:
    /// a managed OS disk.
    func placement(vmSize: String, osDiskSizeGB: Int) -> EphemeralOSDisk.Placement? {
        guard let disk = disks[vmSize], disk.fits(osDiskSizeGB: Int64(osDiskSizeGB)) else { return nil }
        return disk.placement
    }
}
