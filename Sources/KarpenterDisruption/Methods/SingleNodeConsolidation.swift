import KarpenterAPI

extension DisruptionPlanner {
    /// The first candidate, taking NodePools in turn, that can be deleted or replaced by one
    /// cheaper node (DISRUPTION.md §6.5). At most `maxSingleNodeAttempts` simulations.
    func singleNodeConsolidation() -> MethodResult {
        let (sorted, initialNotes) = candidates(for: .singleNodeConsolidation)
        var notes = initialNotes
        let mapping = budgets(for: .underutilized)
        let ordered = interleaved(sorted, prioritized: state.input.options.prioritizedNodePools)
        var budgetBlocked = false
        var simulations = 0
        var unreached: [String] = []
        for (index, assessment) in ordered.enumerated() {
            let candidate = assessment.candidate!
            guard mapping[candidate.nodePool] > 0 else {
                budgetBlocked = true
                notes[candidate.nodeName] = .init(message: budgetNote(candidate.nodePool, .underutilized), unconsolidatable: false)
                continue
            }
            let isBalanced = balanced.involvesBalanced([candidate])
            if isBalanced {
                let bestCase = balanced.evaluate(candidates: [candidate], savings: candidate.price)
                if !bestCase.approved {
                    notes[candidate.nodeName] = .init(message: "even deleting the node would not pass the Balanced score: " + bestCase.messages.joined(separator: "; "),
                                                      unconsolidatable: true)
                    continue
                }
            }
            if simulations >= state.input.options.maxSingleNodeAttempts {
                var seen: Set<String> = []
                unreached = ordered[index...].map(\.candidate!.nodePool).filter { seen.insert($0).inserted }
                break
            }
            simulations += 1
            switch consolidation.compute([assessment], method: .singleNodeConsolidation) {
            case .noop(let message), .unschedulable(let message):
                notes[candidate.nodeName] = .init(message: message, unconsolidatable: true)
            case .command(var command):
                if isBalanced {
                    let verdict = balanced.evaluate(candidates: command.candidates, savings: command.estimatedSavings)
                    guard verdict.approved else {
                        notes[candidate.nodeName] = .init(message: verdict.messages.joined(separator: "; "), unconsolidatable: true)
                        continue
                    }
                    command.approval = verdict.messages.joined(separator: "; ")
                }
                return MethodResult(method: .singleNodeConsolidation, command: command, candidates: ordered.count,
                                    budgetBlocked: budgetBlocked, simulations: simulations, notes: notes, blockedBudgets: mapping.blocked)
            }
        }
        return MethodResult(method: .singleNodeConsolidation, command: nil, candidates: ordered.count, budgetBlocked: budgetBlocked,
                            simulations: simulations, unreachedNodePools: unreached, notes: notes, blockedBudgets: mapping.blocked)
    }

    /// Sorted candidates taken one per NodePool in turn; prioritized pools first.
    func interleaved(_ sorted: [NodeAssessment], prioritized: [String]) -> [NodeAssessment] {
        var queues: [String: [NodeAssessment]] = [:]
        var poolOrder: [String] = []
        for assessment in sorted {
            let pool = assessment.candidate!.nodePool
            if queues[pool] == nil { poolOrder.append(pool) }
            queues[pool, default: []].append(assessment)
        }
        let first = prioritized.filter { queues[$0] != nil }
        poolOrder = first + poolOrder.filter { !first.contains($0) }
        var result: [NodeAssessment] = []
        var position = 0
        while result.count < sorted.count {
            for pool in poolOrder where position < queues[pool]!.count {
                result.append(queues[pool]![position])
            }
            position += 1
        }
        return result
    }
}
