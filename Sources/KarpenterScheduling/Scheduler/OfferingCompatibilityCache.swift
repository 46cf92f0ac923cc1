/// Which instance types of a NodePool have an available offering compatible with a set of
/// requirements. Only the requirements on offering keys (zone, capacity type) matter and
/// NodeClaims share few combinations of them, so each is computed once per pass.
final class OfferingCompatibilityCache {
    private let wellKnown: LabelKeySet
    private var cache: [Key: [Bool]] = [:]

    private struct Key: Hashable {
        let template: ObjectIdentifier
        let requirements: [Requirement]
    }

    init(wellKnown: LabelKeySet) { self.wellKnown = wellKnown }

    /// One flag per instance type of `template`, in order.
    func compatibility(_ template: NodePoolTemplate, _ requirements: Requirements) -> [Bool] {
        let key = Key(template: ObjectIdentifier(template),
                      requirements: template.offeringKeys.compactMap { requirements.has($0) ? requirements.get($0) : nil })
        if let cached = cache[key] { return cached }
        let flags = template.instanceTypes.map { instanceType in
            instanceType.offerings.contains { $0.available && $0.isCompatible(with: requirements, wellKnown: wellKnown) }
        }
        cache[key] = flags
        return flags
    }
}
