import KarpenterAPI
import KarpenterAzure
import KarpenterCloud
import KarpenterScheduling

/// One offering the launch may try.
struct LaunchCandidate: Sendable {
    var instanceType: InstanceType
    var offering: Offering

    var key: OfferingKey {
        OfferingKey(instanceType: instanceType.name, zone: offering.zone, capacityType: offering.capacityType)
    }
}

/// The offerings of the request compatible with the NodeClaim and not marked unavailable,
/// cheapest first (INSTANCETYPES §4.1: price, spot before on-demand, zonal before regional;
/// ties by instance type and zone name instead of a shuffle, so launches are reproducible).
enum OfferingCandidates {
    static func ordered(_ types: [InstanceType], requirements: Requirements,
                        unavailable: UnavailableOfferings) -> [LaunchCandidate] {
        let wellKnown = AzureLabels.wellKnown
        var candidates: [LaunchCandidate] = []
        for type in types where requirements.isCompatible(with: type.requirements, allowUndefined: wellKnown) {
            for offering in type.compatibleOfferings(requirements, wellKnown: wellKnown) {
                let candidate = LaunchCandidate(instanceType: type, offering: offering)
                if !unavailable.isUnavailable(candidate.key) { candidates.append(candidate) }
            }
        }
        return candidates.sorted(by: precedes)
    }

    private static func precedes(_ lhs: LaunchCandidate, _ rhs: LaunchCandidate) -> Bool {
        let left = lhs.offering, right = rhs.offering
        if left.price != right.price { return left.price < right.price }
        let leftSpot = left.capacityType == SchedulingLabel.capacityTypeSpot
        let rightSpot = right.capacityType == SchedulingLabel.capacityTypeSpot
        if leftSpot != rightSpot { return leftSpot }
        let leftRegional = left.zone == AzureLabels.regionalZone
        let rightRegional = right.zone == AzureLabels.regionalZone
        if leftRegional != rightRegional { return !leftRegional }
        if lhs.instanceType.name != rhs.instanceType.name { return lhs.instanceType.name < rhs.instanceType.name }
        return left.zone < right.zone
    }

    /// The NodeClaim's `spec.requirements` as scheduling requirements.
    static func requirements(of nodeClaim: NodeClaim) throws(CloudProviderError) -> Requirements {
        let inputs = (nodeClaim.spec.requirements ?? []).map {
            RequirementInput(key: $0.key, operator: $0.operator.rawValue, values: $0.values ?? [], minValues: $0.minValues)
        }
        do {
            return try Requirements(inputs: inputs)
        } catch {
            throw .permanent("NodeClaim \(nodeClaim.metadata.name ?? "") has invalid requirements: \(error)")
        }
    }
}
