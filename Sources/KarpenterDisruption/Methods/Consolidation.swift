import Foundation
import KarpenterAPI
import KarpenterScheduling

/// computeConsolidation (DISRUPTION.md §6.2, §6.3): simulate removing the candidates, then
/// delete, replace with exactly one cheaper NodeClaim, or do nothing (with why).
struct Consolidation: Sendable {
    let state: ClusterState
    let simulator: Simulator
    let pricing: ReplacementPricing

    static let minSpotToSpotTypes = 15

    enum Outcome: Sendable {
        case command(DisruptionCommand)
        /// No move; the Unconsolidatable message.
        case noop(String)
        /// The simulation could not place every non-pending pod.
        case unschedulable(String)
    }

    func compute(_ assessments: [NodeAssessment], method: DisruptionMethod) -> Outcome {
        let candidates = assessments.compactMap(\.candidate)
        let simulation = simulator.simulate(removing: assessments, eventual: false, consolidation: true)
        guard simulation.allNonPendingPodsScheduled else { return .unschedulable(simulation.errorText) }
        let claims = simulation.newNodeClaims
        let candidatePrice = candidates.reduce(0.0) { $0 + $1.price }
        if claims.isEmpty {
            return .command(DisruptionCommand(method: method, reason: .underutilized, decision: .delete, candidates: candidates,
                                              replacements: [], estimatedSavings: candidatePrice,
                                              podDestinations: simulation.destinations))
        }
        if claims.count > 1 { return .noop("Can't remove without creating \(claims.count) candidates") }
        var plan = claims[0]
        var types = pricing.instanceTypes(of: plan)
        var requirements = plan.requirements
        let spot = SchedulingLabel.capacityTypeSpot
        let allSpot = candidates.allSatisfy { $0.capacityType == spot }
        if allSpot && requirements.get(SchedulingLabel.capacityType).allows(spot) {
            guard state.input.options.spotToSpotConsolidation else {
                return .noop("SpotToSpotConsolidation is disabled, can't replace a spot node with a spot node")
            }
            requirements.set(.in(SchedulingLabel.capacityType, [spot]))
            types = types.filter { !$0.compatibleOfferings(requirements, wellKnown: state.wellKnown).isEmpty }
            switch priceFilter(types, requirements, below: candidatePrice) {
            case .failure(let problem): return .noop(problem.text)
            case .success(let cheaper): types = cheaper
            }
            if method == .singleNodeConsolidation {
                guard types.count >= Self.minSpotToSpotTypes else {
                    return .noop("SpotToSpotConsolidation requires \(Self.minSpotToSpotTypes) cheaper instance type options than the current candidate to consolidate, got \(types.count)")
                }
                // Keep the 15 cheapest (more if minValues needs them), so the launched type is
                // always among them and the next pass cannot find 15 cheaper ones: no replace loop.
                types = sortedByCheapest(types, requirements)
                var keep = Self.minSpotToSpotTypes
                if requirements.hasMinValues {
                    keep = max(keep, requirements.satisfiesMinValues(types).neededInstanceTypes)
                }
                types = Array(types.prefix(keep))
            }
        } else {
            switch priceFilter(types, requirements, below: candidatePrice) {
            case .failure(let problem): return .noop(problem.text)
            case .success(let cheaper): types = cheaper
            }
            let capacityTypes = requirements.get(SchedulingLabel.capacityType)
            if capacityTypes.allows(spot) && capacityTypes.allows(SchedulingLabel.capacityTypeOnDemand) {
                // The price filter assumed spot launches; never fall back to paying on-demand.
                var spotOnly = requirements
                spotOnly.set(.in(SchedulingLabel.capacityType, [spot]))
                let spotTypes = types.filter { !$0.compatibleOfferings(spotOnly, wellKnown: state.wellKnown).isEmpty }
                if !spotTypes.isEmpty {
                    requirements = spotOnly
                    types = spotTypes
                }
            }
        }
        plan = pricing.replan(plan, types: types, requirements: requirements)
        guard let launch = plan.instanceTypes.first else { return .noop("Can't replace with a cheaper node") }
        return .command(DisruptionCommand(method: method, reason: .underutilized, decision: .replace, candidates: candidates,
                                          replacements: [plan], estimatedSavings: candidatePrice - launch.price,
                                          podDestinations: simulation.destinations))
    }

    /// Types whose worst-case launch price is strictly below `price`; fails when none remain
    /// or minValues can no longer be met.
    private func priceFilter(_ types: [InstanceType], _ requirements: Requirements, below price: Double) -> Result<[InstanceType], NoopMessage> {
        let cheaper = types.filter { type in (pricing.worstLaunchPrice(type, requirements) ?? .infinity) < price }
        if requirements.hasMinValues, let text = requirements.satisfiesMinValues(cheaper).errorDescription {
            return .failure(NoopMessage("Filtering by price: \(text)"))
        }
        if cheaper.isEmpty { return .failure(NoopMessage("Can't replace with a cheaper node")) }
        return .success(cheaper)
    }

    private func sortedByCheapest(_ types: [InstanceType], _ requirements: Requirements) -> [InstanceType] {
        let priced: [(type: InstanceType, price: Double)] = types.map { type in
            (type, type.cheapestPrice(compatibleWith: requirements, wellKnown: state.wellKnown) ?? Double.infinity)
        }
        let ordered = priced.sorted { lhs, rhs in lhs.price != rhs.price ? lhs.price < rhs.price : lhs.type.name < rhs.type.name }
        return ordered.map { $0.type }
    }

    /// [A, A] → 1×A must not win over deleting one A: drop replacement types that cost at
    /// least as much as the cheapest removed node of a type the replacement shares.
    func filterOutSameInstanceType(_ command: DisruptionCommand) -> DisruptionCommand? {
        guard command.decision == .replace, let plan = command.replacements.first else { return command }
        var cheapestRemoved: [String: Double] = [:]
        for candidate in command.candidates {
            cheapestRemoved[candidate.instanceType] = min(cheapestRemoved[candidate.instanceType] ?? .infinity, candidate.price)
        }
        let shared = plan.instanceTypes.compactMap { cheapestRemoved[$0.name] }
        guard let ceiling = shared.min() else { return command }
        let types = pricing.instanceTypes(of: plan).filter { (pricing.worstLaunchPrice($0, plan.requirements) ?? .infinity) < ceiling }
        guard !types.isEmpty else { return nil }
        var result = command
        let replanned = pricing.replan(plan, types: types, requirements: plan.requirements)
        guard let launch = replanned.instanceTypes.first else { return nil }
        result.replacements = [replanned]
        result.estimatedSavings = command.candidates.reduce(0.0) { $0 + $1.price } - launch.price
        return result
    }
}

struct NoopMessage: Error, Sendable {
    var text: String
    init(_ text: String) { self.text = text }
}

extension Consolidation.Outcome {
    var command: DisruptionCommand? {
        if case .command(let command) = self { return command }
        return nil
    }

    var message: String? {
        switch self {
        case .command: return nil
        case .noop(let text), .unschedulable(let text): return text
        }
    }
}
