/// What the provider currently knows about capacity: the unavailable-offerings (ICE) cache
/// and family vCPU quota (INSTANCETYPES.md §4, §4.3). A value snapshot, so derivation stays pure.
public struct OfferingAvailability: Sendable, Hashable {
    /// Offerings marked unavailable, keyed `"<capacityType>:<skuName>:<zone>"`.
    public var unavailableOfferings: Set<String>
    /// `"<family lower-cased>:<zone>:<capacityType>"` → block sizes with vCPUs ≥ threshold (−1 = all).
    public var unavailableFamilies: [String: Int64]
    /// Spot blocked everywhere.
    public var spotBlocked: Bool
    /// Remaining vCPUs per quota family (as named by the SKU, e.g. `standardDSv3Family`);
    /// families not listed are treated as having room (fail-open).
    public var remainingQuota: [String: Int64]

    public init(unavailableOfferings: Set<String> = [], unavailableFamilies: [String: Int64] = [:],
                spotBlocked: Bool = false, remainingQuota: [String: Int64] = [:]) {
        self.unavailableOfferings = unavailableOfferings
        self.unavailableFamilies = unavailableFamilies
        self.spotBlocked = spotBlocked
        self.remainingQuota = remainingQuota
    }

    /// Everything available.
    public static let unrestricted = OfferingAvailability()

    public static func offeringKey(capacityType: String, sku: String, zone: String) -> String {
        "\(capacityType):\(sku):\(zone)"
    }

    /// Whether the ICE cache blocks this offering; `family` is the SKU's quota family.
    public func isUnavailable(sku: String, family: String, vCPUs: Int64, zone: String, capacityType: String) -> Bool {
        if capacityType == "spot" && spotBlocked { return true }
        if unavailableOfferings.contains(Self.offeringKey(capacityType: capacityType, sku: sku, zone: zone)) { return true }
        if !unavailableFamilies.isEmpty,
           let threshold = unavailableFamilies["\(family.lowercased()):\(zone):\(capacityType)"],
           threshold < 0 || vCPUs >= threshold {
            return true
        }
        return false
    }

    public func hasQuota(family: String, vCPUs: Int64) -> Bool {
        guard let remaining = remainingQuota[family] else { return true }
        return remaining >= vCPUs
    }
}
