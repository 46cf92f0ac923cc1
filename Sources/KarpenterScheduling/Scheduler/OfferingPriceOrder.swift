/// Instance types of one NodePool ordered by their cheapest offering compatible with a
/// NodeClaim's requirements. Compatibility depends only on the requirements for the keys
/// offerings carry (zone, capacity type), and many NodeClaims share those, so each distinct
/// combination is priced once.
struct OfferingPriceOrder {
    struct Entry {
        let index: Int
        let offering: Offering
    }

    private let wellKnown: LabelKeySet
    private var cache: [CacheKey: [Entry]] = [:]

    private struct CacheKey: Hashable {
        let template: ObjectIdentifier
        let requirements: [Requirement]
    }

    init(wellKnown: LabelKeySet) { self.wellKnown = wellKnown }

    /// Every type of `template` with a compatible available offering, cheapest first (ties by name).
    mutating func ordered(_ template: NodePoolTemplate, for requirements: Requirements) -> [Entry] {
        let key = CacheKey(template: ObjectIdentifier(template),
                           requirements: template.offeringKeys.compactMap { requirements.has($0) ? requirements.get($0) : nil })
        if let cached = cache[key] { return cached }
        var entries: [Entry] = []
        for (index, instanceType) in template.instanceTypes.enumerated() {
            var best: Offering?
            for offering in instanceType.offerings where offering.available
                && offering.isCompatible(with: requirements, wellKnown: wellKnown) {
                if let current = best, !Self.cheaper(offering, than: current) { continue }
                best = offering
            }
            if let best { entries.append(Entry(index: index, offering: best)) }
        }
        entries.sort { lhs, rhs in
            lhs.offering.price != rhs.offering.price
                ? lhs.offering.price < rhs.offering.price
                : template.instanceTypes[lhs.index].name < template.instanceTypes[rhs.index].name
        }
        cache[key] = entries
        return entries
    }

    private static func cheaper(_ offering: Offering, than current: Offering) -> Bool {
        offering.price != current.price
            ? offering.price < current.price
            : (offering.zone, offering.capacityType) < (current.zone, current.capacityType)
    }
}
