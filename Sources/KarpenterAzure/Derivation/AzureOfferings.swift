import KarpenterScheduling

/// Zones × {on-demand, spot} offerings for one SKU (LABELS.md §4, INSTANCETYPES.md §4).
enum AzureOfferings {
    struct Result {
        var offerings: [Offering]
        /// Union of `sku-storage-ultra-ssd` values over available offerings.
        var ultraSSDValues: [String]
    }

    /// Zone label values: `<region>-<n>` per ARM zone, then the regional zone `0`.
    static func zoneLabels(_ facts: AzureSKUFacts, region: String) -> [(label: String, armZone: String?)] {
        let prefix = region.lowercased() + "-"
        return facts.armZones.map { (prefix + $0, Optional($0)) } + [(AzureLabels.regionalZone, nil)]
    }

    /// `cache` shares offering requirement sets (one per zone × capacity type × ultra-SSD)
    /// between the SKUs of one listing.
    static func build(_ facts: AzureSKUFacts, region: String, prices: AzurePriceTable, known: KnownSKUs,
                      availability: OfferingAvailability, cache: inout [String: Requirements]) -> Result {
        typealias L = AzureLabels
        let name = facts.sku.name
        let isKnown = known.contains(name)
        let onDemandPrice = isKnown ? prices.onDemandPrice(name) ?? AzurePriceTable.missingPrice : AzurePriceTable.missingPrice
        let spotPrice = isKnown ? prices.spotPrice(name) ?? AzurePriceTable.missingPrice : AzurePriceTable.missingPrice
        let quotaOK = availability.hasQuota(family: facts.sku.family, vCPUs: facts.vCPUs)
        var offerings: [Offering] = []
        var ultraValues = Set<String>()
        for (zone, armZone) in zoneLabels(facts, region: region) {
            let ultra = armZone.map { facts.ultraSSDZones.contains($0) } ?? facts.ultraSSDRegional
            let ultraSSD = ultra ? ["true", "false"] : ["false"]
            let scope = armZone == nil ? L.placementRegional : L.placementZonal
            for spot in [false, true] {
                let capacityType = spot ? SchedulingLabel.capacityTypeSpot : SchedulingLabel.capacityTypeOnDemand
                let priority = spot ? L.prioritySpot : L.priorityRegular
                let blocked = availability.isUnavailable(sku: name, family: facts.sku.family, vCPUs: facts.vCPUs,
                                                         zone: zone, capacityType: capacityType)
                let available = spot ? facts.lowPriorityCapable && !blocked : quotaOK && !blocked
                let key = "\(zone)|\(capacityType)|\(ultra)"
                let requirements = cache[key] ?? {
                    let built = Requirements([
                        .in(SchedulingLabel.zone, [zone]),
                        .in(SchedulingLabel.capacityType, [capacityType]),
                        .in(L.aksScaleSetPriority, [priority]),
                        .in(L.aksPriority, [priority]),
                        .in(L.placementScope, [scope]),
                        .in(L.skuStorageUltraSSD, ultraSSD),
                    ])
                    cache[key] = built
                    return built
                }()
                offerings.append(Offering(requirements: requirements, price: spot ? spotPrice : onDemandPrice,
                                          available: available))
                if available { ultraValues.formUnion(ultraSSD) }
            }
        }
        return Result(offerings: offerings, ultraSSDValues: ultraValues.sorted())
    }
}
