/// One way to buy an instance type: a zone and capacity type (plus any provider labels in
/// `requirements`), a price per hour and whether it can be launched right now.
public struct Offering: Sendable, Hashable {
    public let zone: String
    public let capacityType: String
    public let price: Double
    public let available: Bool
    /// Single-valued: zone, capacity type and any provider-specific offering labels.
    public let requirements: Requirements

    public init(zone: String, capacityType: String, price: Double, available: Bool,
                extraRequirements: [Requirement] = []) {
        self.zone = zone
        self.capacityType = capacityType
        self.price = price
        self.available = available
        var requirements = Requirements([
            .in(SchedulingLabel.zone, [zone]),
            .in(SchedulingLabel.capacityType, [capacityType]),
        ])
        for requirement in extraRequirements { requirements.add(requirement) }
        self.requirements = requirements
    }

    /// An offering whose zone and capacity type are read from `requirements`, which must
    /// hold `In` requirements for both. Lets providers share one requirement set between
    /// all offerings of the same zone and capacity type.
    public init(requirements: Requirements, price: Double, available: Bool) {
        self.requirements = requirements
        zone = requirements.get(SchedulingLabel.zone).valueStrings.first ?? ""
        capacityType = requirements.get(SchedulingLabel.capacityType).valueStrings.first ?? ""
        self.price = price
        self.available = available
    }

    /// Whether a NodeClaim with `requirements` may use this offering (SCHEDULING.md §8):
    /// `nodeClaim.Compatible(offering, allowUndefinedWellKnown)`.
    @inline(__always)
    public func isCompatible(with nodeClaimRequirements: Requirements, wellKnown: LabelKeySet) -> Bool {
        nodeClaimRequirements.isCompatible(with: requirements, allowUndefined: wellKnown)
    }
}
