import KarpenterAPI

extension DisruptionPlanner {
    /// Turns the methods' results into verdicts for every managed node and the events to publish.
    func assemble(_ results: [MethodResult]) -> DisruptionPlan {
        let command = results.last?.command
        let selected = Set(command?.candidates.map(\.nodeName) ?? [])
        var verdicts: [NodeVerdict] = []
        var events: [PlannedEvent] = []
        for assessment in assessments {
            let node = assessment.node
            var notes: [DisruptionMethod: String] = [:]
            for result in results {
                if let note = result.notes[node.name] { notes[result.method] = note.message }
            }
            let blocked = assessment.gateBlock ?? assessment.podBlock
            let verdict = NodeVerdict(nodeName: node.name, nodeClaimName: node.nodeClaimName, nodePool: node.nodePoolName,
                                      candidate: assessment.candidate, blocked: blocked, notes: notes,
                                      selected: selected.contains(node.name), warnings: assessment.invalidDoNotDisrupt)
            verdicts.append(verdict)

            // Upstream only publishes candidate failures for nodes that have both objects.
            if let blocked, node.node != nil, node.nodeClaim != nil, !node.inQueue {
                events += nodeEvents(node, reason: "DisruptionBlocked", message: sentenceCased(blocked))
            }
            let methodEvents = results.compactMap { result -> PlannedEvent? in
                guard let note = result.notes[node.name], note.unconsolidatable || note.disruptionBlocked else { return nil }
                return PlannedEvent(kind: .node, name: node.name, reason: note.unconsolidatable ? "Unconsolidatable" : "DisruptionBlocked",
                                    message: sentenceCased(note.message), type: "Normal")
            }
            var seen: Set<String> = []
            for event in methodEvents where seen.insert(event.reason).inserted {
                events += nodeEvents(node, reason: event.reason, message: event.message)
            }
        }
        if let command, command.reason == .underutilized {
            for candidate in command.candidates {
                events.append(PlannedEvent(kind: .node, name: candidate.nodeName, reason: "ConsolidationCandidate",
                                           message: command.eventMessage, type: "Normal"))
                if let approval = command.approval {
                    events.append(PlannedEvent(kind: .node, name: candidate.nodeName, reason: "ConsolidationApproved",
                                               message: approval, type: "Normal"))
                }
            }
        }
        var blockedBudgets: [BudgetBlock] = []
        for result in results {
            for block in result.blockedBudgets where !blockedBudgets.contains(block) {
                blockedBudgets.append(block)
                events.append(PlannedEvent(kind: .nodePool, name: block.nodePool, reason: "DisruptionBlocked",
                                           message: block.message, type: "Normal"))
            }
        }
        verdicts.sort { $0.nodeName < $1.nodeName }
        return DisruptionPlan(command: command, verdicts: verdicts, methods: results.map(\.report),
                              blockedBudgets: blockedBudgets, events: events)
    }

    private func nodeEvents(_ node: StateNode, reason: String, message: String) -> [PlannedEvent] {
        var events = [PlannedEvent(kind: .node, name: node.name, reason: reason, message: message, type: "Normal")]
        if let claim = node.nodeClaimName {
            events.append(PlannedEvent(kind: .nodeClaim, name: claim, reason: reason, message: message, type: "Normal"))
        }
        return events
    }
}
