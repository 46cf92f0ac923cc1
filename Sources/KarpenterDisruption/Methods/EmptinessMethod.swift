import KarpenterAPI

extension DisruptionPlanner {
    /// Every empty candidate whose pool still has budget, in one delete command (DISRUPTION.md §5).
    func emptiness() -> MethodResult {
        var (candidates, notes) = candidates(for: .emptiness)
        let mapping = budgets(for: .empty)
        var remaining = mapping.pools.mapValues(\.remaining)
        var taken: [Candidate] = []
        var budgetBlocked = false
        for assessment in candidates {
            let candidate = assessment.candidate!
            guard remaining[candidate.nodePool, default: 0] > 0 else {
                budgetBlocked = true
                notes[candidate.nodeName] = .init(message: budgetNote(candidate.nodePool, .empty), unconsolidatable: false)
                continue
            }
            remaining[candidate.nodePool]! -= 1
            taken.append(candidate)
        }
        let command = taken.isEmpty ? nil : DisruptionCommand(
            method: .emptiness, reason: .empty, decision: .delete, candidates: taken, replacements: [],
            estimatedSavings: taken.reduce(0.0) { $0 + $1.price }, podDestinations: [:])
        return MethodResult(method: .emptiness, command: command, candidates: candidates.count, budgetBlocked: budgetBlocked,
                            simulations: 0, notes: notes, blockedBudgets: mapping.blocked)
    }

    func budgetNote(_ pool: String, _ reason: DisruptionReason) -> String {
        "NodePool \"\(pool)\" has no disruption budget left for reason \(reason.rawValue)"
    }
}
