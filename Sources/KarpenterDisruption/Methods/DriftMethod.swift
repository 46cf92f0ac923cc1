import Foundation
import KarpenterAPI

extension DisruptionPlanner {
    /// The first drifted candidate (empty ones first, then oldest Drifted) whose pods can all
    /// be placed, replaced by however many NodeClaims that takes (DISRUPTION.md §7).
    func drift() -> MethodResult {
        var (candidates, notes) = candidates(for: .drift)
        let mapping = budgets(for: .drifted)
        var budgetBlocked = false
        var simulations = 0
        for assessment in candidates {
            let candidate = assessment.candidate!
            guard mapping[candidate.nodePool] > 0 else {
                budgetBlocked = true
                notes[candidate.nodeName] = .init(message: budgetNote(candidate.nodePool, .drifted), unconsolidatable: false)
                continue
            }
            simulations += 1
            let simulation = simulator.simulate(removing: [assessment], eventual: true, consolidation: false)
            guard simulation.allNonPendingPodsScheduled else {
                notes[candidate.nodeName] = .init(message: simulation.errorText, unconsolidatable: false, disruptionBlocked: true)
                continue
            }
            let claims = simulation.newNodeClaims
            let launchPrice = claims.reduce(0.0) { $0 + ($1.launch?.price ?? 0) }
            let command = DisruptionCommand(method: .drift, reason: .drifted, decision: claims.isEmpty ? .delete : .replace,
                                            candidates: [candidate], replacements: claims,
                                            estimatedSavings: candidate.price - launchPrice, podDestinations: simulation.destinations)
            return MethodResult(method: .drift, command: command, candidates: candidates.count, budgetBlocked: budgetBlocked,
                                simulations: simulations, notes: notes, blockedBudgets: mapping.blocked)
        }
        return MethodResult(method: .drift, command: nil, candidates: candidates.count, budgetBlocked: budgetBlocked,
                            simulations: simulations, notes: notes, blockedBudgets: mapping.blocked)
    }
}
