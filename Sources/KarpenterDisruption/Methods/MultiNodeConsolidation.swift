import KarpenterAPI

extension DisruptionPlanner {
    /// The largest prefix of the sorted candidates (at most `maxMultiNodeCandidates`) that can
    /// be deleted or replaced by one cheaper node, found by binary search (DISRUPTION.md §6.4).
    func multiNodeConsolidation() -> MethodResult {
        var (sorted, notes) = candidates(for: .multiNodeConsolidation)
        let mapping = budgets(for: .underutilized)
        var remaining = mapping.pools.mapValues(\.remaining)
        var candidates: [NodeAssessment] = []
        var budgetBlocked = false
        for assessment in sorted {
            let pool = assessment.candidate!.nodePool
            guard remaining[pool, default: 0] > 0 else {
                budgetBlocked = true
                notes[assessment.node.name] = .init(message: budgetNote(pool, .underutilized), unconsolidatable: false)
                continue
            }
            remaining[pool]! -= 1
            candidates.append(assessment)
        }
        sorted = candidates
        var simulations = 0
        var best: DisruptionCommand?
        if sorted.count >= 2 {
            let limit = min(sorted.count, max(2, state.input.options.maxMultiNodeCandidates))
            var low = 1
            var high = limit - 1
            while low <= high {
                let mid = (low + high) / 2
                simulations += 1
                if let command = validMultiNodeCommand(Array(sorted[0...mid])) {
                    best = command
                    low = mid + 1
                } else {
                    high = mid - 1
                }
            }
        }
        return MethodResult(method: .multiNodeConsolidation, command: best, candidates: sorted.count, budgetBlocked: budgetBlocked,
                            simulations: simulations, notes: notes, blockedBudgets: mapping.blocked)
    }

    private func validMultiNodeCommand(_ assessments: [NodeAssessment]) -> DisruptionCommand? {
        guard var command = consolidation.compute(assessments, method: .multiNodeConsolidation).command else { return nil }
        if command.decision == .replace {
            guard let filtered = consolidation.filterOutSameInstanceType(command) else { return nil }
            command = filtered
        }
        if balanced.involvesBalanced(command.candidates) {
            let verdict = balanced.evaluate(candidates: command.candidates, savings: command.estimatedSavings)
            guard verdict.approved else { return nil }
            command.approval = verdict.messages.joined(separator: "; ")
        }
        return command
    }
}
