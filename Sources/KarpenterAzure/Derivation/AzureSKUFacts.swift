/// Everything the derivation reads from one SKU, parsed once (LABELS.md §1–§3).
public struct AzureSKUFacts: Sendable, Hashable {
    public let sku: AzureSKU
    public let sizeName: VMSizeName
    public let vCPUs: Int64
    /// `MemoryGB` as reported (actually GiB, may be fractional).
    public let memoryGiB: Double
    /// Supported-gpus entry, nil for non-GPU sizes.
    public let gpu: SupportedGPUs.Entry?
    /// `GPUs` capability for known GPU sizes, else 0.
    public let gpuCount: Int64
    /// Kubernetes arch: `amd64`, `arm64`, or the raw capability.
    public let architecture: String
    /// `1` and/or `2`.
    public let hyperVGenerations: [String]
    public let premiumIO: Bool
    public let acceleratedNetworking: Bool
    public let ephemeralOSDisk: EphemeralOSDisk
    public let lowPriorityCapable: Bool
    public let encryptionAtHostSupported: Bool
    /// Gen2 and not `TrustedLaunchDisabled`.
    public let trustedLaunchSupported: Bool
    /// Top-level `UltraSSDAvailable` (applies to the regional offering).
    public let ultraSSDRegional: Bool
    /// ARM zones (`1`, `2`, …) usable in the region.
    public let armZones: [String]
    /// ARM zones whose zoneDetails say `UltraSSDAvailable=True`.
    public let ultraSSDZones: Set<String>

    /// nil when the size name does not parse (such SKUs never become instance types).
    public init?(sku: AzureSKU, region: String, supportedGPUs: SupportedGPUs) {
        guard let sizeName = VMSizeName(size: sku.size) else { return nil }
        self.init(sku: sku, sizeName: sizeName, region: region, supportedGPUs: supportedGPUs)
    }

    init?(sku: AzureSKU, sizeName: VMSizeName, region: String, supportedGPUs: SupportedGPUs) {
        typealias C = AzureSKU.Capability
        self.sku = sku
        self.sizeName = sizeName
        vCPUs = sku.int(C.vCPUs)
        memoryGiB = sku.double(C.memoryGB)
        gpu = supportedGPUs.entry(forSKU: sku.name)
        gpuCount = gpu == nil ? 0 : sku.int(C.gpus)
        switch sku.capabilities[C.cpuArchitectureType] ?? "" {
        case "x64": architecture = "amd64"
        case "Arm64": architecture = "arm64"
        case let other: architecture = other
        }
        let generations = (sku.capabilities[C.hyperVGenerations] ?? "").lowercased()
        hyperVGenerations = [("v1", "1"), ("v2", "2")].filter { generations.contains($0.0) }.map(\.1)
        premiumIO = sku.bool(C.premiumIO)
        acceleratedNetworking = sku.bool(C.acceleratedNetworking)
        ephemeralOSDisk = EphemeralOSDisk(sku: sku)
        lowPriorityCapable = sku.bool(C.lowPriorityCapable)
        encryptionAtHostSupported = sku.bool(C.encryptionAtHostSupported)
        trustedLaunchSupported = hyperVGenerations.contains("2") && !sku.bool(C.trustedLaunchDisabled)
        ultraSSDRegional = sku.bool(C.ultraSSDAvailable)
        armZones = sku.zones(in: region)
        ultraSSDZones = Set(armZones.filter { sku.zoneCapability(C.ultraSSDAvailable, zone: $0, region: region) })
    }

    /// `int64(MemoryGB * 1024)`: the sku-memory label.
    public var memoryMiB: Int64 { Int64(memoryGiB * 1024) }

    public var isGPU: Bool { gpu != nil }
}
