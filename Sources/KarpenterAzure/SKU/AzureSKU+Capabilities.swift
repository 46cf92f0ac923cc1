extension AzureSKU {
    /// Capability names the derivation reads (LABELS.md §1).
    public enum Capability {
        public static let vCPUs = "vCPUs"
        public static let memoryGB = "MemoryGB"
        public static let gpus = "GPUs"
        public static let cpuArchitectureType = "CpuArchitectureType"
        public static let hyperVGenerations = "HyperVGenerations"
        public static let premiumIO = "PremiumIO"
        public static let acceleratedNetworking = "AcceleratedNetworkingEnabled"
        public static let ephemeralOSDiskSupported = "EphemeralOSDiskSupported"
        public static let ephemeralOSDiskPlacements = "SupportedEphemeralOSDiskPlacements"
        public static let nvmeDiskSizeInMiB = "NvmeDiskSizeInMiB"
        public static let cachedDiskBytes = "CachedDiskBytes"
        public static let maxResourceVolumeMB = "MaxResourceVolumeMB"
        public static let lowPriorityCapable = "LowPriorityCapable"
        public static let encryptionAtHostSupported = "EncryptionAtHostSupported"
        public static let trustedLaunchDisabled = "TrustedLaunchDisabled"
        public static let ultraSSDAvailable = "UltraSSDAvailable"
    }

    /// True only for a value equal to `True`, ignoring case; absent is false.
    public func bool(_ capability: String) -> Bool {
        capabilities[capability]?.lowercased() == "true"
    }

    /// Integer value; absent or unparsable is 0.
    public func int(_ capability: String) -> Int64 {
        guard let text = capabilities[capability] else { return 0 }
        return Int64(text) ?? Int64(Double(text) ?? 0)
    }

    public func double(_ capability: String) -> Double {
        capabilities[capability].flatMap(Double.init) ?? 0
    }

    /// The location entry for `region` (case-insensitive).
    public func location(_ region: String) -> LocationInfo? {
        let wanted = region.lowercased()
        return locationInfo.first { $0.location.lowercased() == wanted }
    }

    /// A `Location` restriction covering `region` makes the SKU unusable there.
    public func isLocationRestricted(in region: String) -> Bool {
        let wanted = region.lowercased()
        return restrictions.contains { restriction in
            restriction.type.lowercased() == "location"
                && (restriction.values + restriction.locations).contains { $0.lowercased() == wanted }
        }
    }

    /// ARM zone numbers in `region` minus zones listed by `Zone` restrictions for it.
    public func zones(in region: String) -> [String] {
        guard let info = location(region) else { return [] }
        let wanted = region.lowercased()
        var restricted = Set<String>()
        for restriction in restrictions where restriction.type.lowercased() == "zone" {
            let locations = restriction.locations.isEmpty ? restriction.values : restriction.locations
            if locations.contains(where: { $0.lowercased() == wanted }) { restricted.formUnion(restriction.zones) }
        }
        return info.zones.filter { !restricted.contains($0) }
    }

    /// Whether `capability` is True for ARM zone `zone` according to `zoneDetails`.
    public func zoneCapability(_ capability: String, zone: String, region: String) -> Bool {
        guard let info = location(region) else { return false }
        return info.zoneDetails.contains { detail in
            detail.zones.contains(zone) && detail.capabilities[capability]?.lowercased() == "true"
        }
    }
}
