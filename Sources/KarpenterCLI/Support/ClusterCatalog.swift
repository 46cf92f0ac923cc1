import KarpenterAPI
import KarpenterAzure
import KarpenterScheduling

/// The embedded Azure catalog for a live cluster: its region read from node labels, the
/// instance types `explain` schedules with, and the prices `get` shows.
enum ClusterCatalog {
    static let fallbackRegion = "eastus"

    /// The region to use and, when the cluster's region has no embedded catalog, a warning
    /// saying whose prices stand in.
    static func region(for objects: ClusterObjects, override: String?) -> (region: String, warning: String?) {
        let wanted = override ?? detectedRegion(objects) ?? fallbackRegion
        if AzureCatalog.regions.contains(wanted.lowercased()) { return (wanted.lowercased(), nil) }
        return (fallbackRegion, "warning: no embedded Azure catalog for region \"\(wanted)\"; prices and instance types are \(fallbackRegion)'s")
    }

    /// `topology.kubernetes.io/region` of the first node or NodeClaim that has it, else a
    /// zone label without its `-<n>` suffix (`eastus-1` is in `eastus`).
    static func detectedRegion(_ objects: ClusterObjects) -> String? {
        let offerings = (objects.nodes + objects.nodeClaims).map { NodeOffering(labels: labels($0)) }
        if let region = offerings.lazy.compactMap(\.region).first { return region }
        for zone in offerings.compactMap(\.zone) {
            if let dash = zone.lastIndex(of: "-"), zone[zone.index(after: dash)...].allSatisfy(\.isNumber) {
                return String(zone[..<dash])
            }
        }
        return nil
    }

    static func labels(_ object: JSONValue) -> [String: String] {
        var labels: [String: String] = [:]
        for (key, value) in object["metadata"]?["labels"]?.objectValue ?? [:] {
            if let text = value.stringValue { labels[key] = text }
        }
        return labels
    }

    static func source(region: String) throws(CLIError) -> InstanceTypeSource {
        try InstanceTypeSources.embedded(region: region)
    }

    /// Prices of every SKU in the region's catalog; SKUs without a known price are left out.
    static func prices(region: String) -> InstancePrices {
        guard let types = try? AzureCatalog.embedded(region: region) else { return .none }
        return InstancePrices(types, unknownPrice: AzurePriceTable.missingPrice)
    }
}
