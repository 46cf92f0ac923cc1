import KarpenterAPI
import KarpenterScheduling

/// Prices of a planned replacement's instance types (DISRUPTION.md §6.2).
struct ReplacementPricing: Sendable {
    let state: ClusterState

    static let capacityTypePrecedence = [SchedulingLabel.capacityTypeReserved, SchedulingLabel.capacityTypeSpot,
                                         SchedulingLabel.capacityTypeOnDemand]

    /// The InstanceType objects behind a plan's options, in the plan's order.
    func instanceTypes(of plan: PlannedNodeClaim) -> [InstanceType] {
        guard let byName = state.pools[plan.nodePool]?.instanceTypes else { return [] }
        return plan.instanceTypes.compactMap { byName[$0.name] }
    }

    /// The most expensive available compatible offering, for the first capacity type in the
    /// order reserved → spot → on-demand that has one: what a launch could cost at worst.
    func worstLaunchPrice(_ type: InstanceType, _ requirements: Requirements) -> Double? {
        let compatible = type.compatibleOfferings(requirements, wellKnown: state.wellKnown)
        for capacityType in Self.capacityTypePrecedence {
            let prices = compatible.filter { $0.capacityType == capacityType }.map(\.price)
            if let worst = prices.max() { return worst }
        }
        return compatible.map(\.price).max()
    }

    /// Rebuilds the plan's options for `types` under `requirements`: each type at its cheapest
    /// available compatible offering, cheapest first; types without one are dropped.
    func replan(_ plan: PlannedNodeClaim, types: [InstanceType], requirements: Requirements) -> PlannedNodeClaim {
        var result = plan
        var template = plan.instanceTypes.first
        var options: [InstanceTypeOption] = []
        let existing = Dictionary(plan.instanceTypes.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for type in types {
            let offerings = type.compatibleOfferings(requirements, wellKnown: state.wellKnown)
            guard let best = offerings.min(by: { ($0.price, $0.zone, $0.capacityType) < ($1.price, $1.zone, $1.capacityType) }),
                  var option = existing[type.name] ?? template else { continue }
            option.name = type.name
            option.zone = best.zone
            option.capacityType = best.capacityType
            option.price = best.price
            option.allocatable = type.allocatable
            options.append(option)
            template = option
        }
        options.sort { $0.price != $1.price ? $0.price < $1.price : $0.name < $1.name }
        var requirements = requirements
        let minValues = requirements[SchedulingLabel.instanceType]?.minValues
        requirements.set(.in(SchedulingLabel.instanceType, options.map(\.name), minValues: minValues))
        result.requirements = requirements
        result.instanceTypes = options
        return result
    }
}
