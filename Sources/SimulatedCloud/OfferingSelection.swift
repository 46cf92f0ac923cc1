import KarpenterAPI
import KarpenterAzure
import KarpenterCloud
import KarpenterScheduling

/// The instance type and offering a launch takes.
struct OfferingChoice: Sendable {
    let instanceType: InstanceType
    let offering: Offering

    var key: OfferingKey {
        OfferingKey(instanceType: instanceType.name, zone: offering.zone, capacityType: offering.capacityType)
    }
}

/// Picks what to launch as core's fake and KWOK providers do: among the instance types whose
/// requirements are compatible with the NodeClaim and whose allocatable fits its requests, the
/// offering (compatible, available, not recently out of capacity) with the lowest price;
/// declared order breaks ties.
enum OfferingSelection {
    static let wellKnown = AzureLabels.wellKnown

    static func cheapest(of instanceTypes: [InstanceType], requirements: Requirements, requests: ResourceVector,
                         isUnavailable: (OfferingKey) -> Bool) -> OfferingChoice? {
        var best: OfferingChoice?
        for type in instanceTypes where requirements.isCompatible(with: type.requirements, allowUndefined: wellKnown)
            && requests.fits(in: type.allocatable) {
            for offering in type.offerings where offering.available && offering.isCompatible(with: requirements, wellKnown: wellKnown) {
                let choice = OfferingChoice(instanceType: type, offering: offering)
                if isUnavailable(choice.key) { continue }
                if best.map({ offering.price < $0.offering.price }) ?? true { best = choice }
            }
        }
        return best
    }

    /// The NodeClaim's requirements in the scheduler's algebra.
    static func requirements(of nodeClaim: NodeClaim) throws(RequirementError) -> Requirements {
        try Requirements(inputs: (nodeClaim.spec.requirements ?? []).map {
            RequirementInput(key: $0.key, operator: $0.operator.rawValue, values: $0.values ?? [], minValues: $0.minValues)
        })
    }
}
