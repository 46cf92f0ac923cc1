/// A machine shape the cloud can launch (SCHEDULING.md terminology). Immutable and shared by
/// reference: the scheduler keeps thousands of lists of these.
public final class InstanceType: Sendable, Identifiable, CustomStringConvertible {
    public let name: String
    /// Labels every node of this type will have (instance type, arch, zones of available offerings, …).
    public let requirements: Requirements
    public let capacity: ResourceVector
    public let overhead: InstanceTypeOverhead
    /// capacity − overhead, memory further reduced by hugepages (floored at 0).
    public let allocatable: ResourceVector
    public let offerings: [Offering]

    public var id: String { name }
    public var description: String { name }

    public init(name: String, requirements: Requirements, capacity: ResourceVector,
                overhead: InstanceTypeOverhead, offerings: [Offering]) {
        self.name = name
        self.requirements = requirements
        self.capacity = capacity
        self.overhead = overhead
        self.offerings = offerings
        var allocatable = capacity - overhead.total
        let hugePages = capacity.hugePagesBytes
        if hugePages > 0 { allocatable.memoryBytes = max(0, allocatable.memoryBytes - hugePages) }
        self.allocatable = allocatable
    }

    public var availableOfferings: [Offering] { offerings.filter(\.available) }

    /// Available offerings a NodeClaim with `requirements` may use.
    public func compatibleOfferings(_ requirements: Requirements, wellKnown: LabelKeySet) -> [Offering] {
        offerings.filter { $0.available && $0.isCompatible(with: requirements, wellKnown: wellKnown) }
    }

    /// Price of the cheapest available offering compatible with `requirements`, if any.
    public func cheapestPrice(compatibleWith requirements: Requirements, wellKnown: LabelKeySet) -> Double? {
        var best: Double?
        for offering in offerings where offering.available
            && offering.isCompatible(with: requirements, wellKnown: wellKnown) {
            if best == nil || offering.price < best! { best = offering.price }
        }
        return best
    }
}
