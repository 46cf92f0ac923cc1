import KarpenterAPI
import KarpenterDisruption
import OrderedCollections

/// `explain node NAME -o json`.
enum ExplainNodeJSON {
    static func render(_ report: ExplainNodeReport) -> JSONValue {
        let node = report.node
        var root = OrderedDictionary<String, JSONValue>()
        root["node"] = .string(node.name)
        root["managed"] = .bool(node.isManaged)
        root["nodeClaim"] = optional(node.nodeClaimName)
        root["nodePool"] = optional(node.nodePool)
        root["instanceType"] = optional(node.instanceType)
        root["zone"] = optional(node.zone)
        root["capacityType"] = optional(node.capacityType)
        root["price"] = report.price.map(SimulationJSON.number) ?? .null
        root["created"] = optional(report.created)
        root["deletionTimestamp"] = optional(node.deletionTimestamp)
        root["expireAfter"] = optional(report.expireAfter)
        root["expiresAt"] = optional(report.explanation?.expiresAt.map(ExplainNodeReport.rfc3339))
        root["notes"] = .array(report.notes.map(JSONValue.string))
        root["pods"] = .array(report.pods.map { pod in
            .object(["pod": .string(pod.key), "owner": optional(pod.owner), "phase": .string(pod.phase),
                     "reschedulable": .bool(pod.reschedulable), "doNotDisrupt": .bool(pod.doNotDisrupt)])
        })
        root["disruption"] = disruption(report)
        root["events"] = .array(report.events.map(LiveExplanationJSON.event))
        return .object(root)
    }

    static func disruption(_ report: ExplainNodeReport) -> JSONValue {
        var entry = OrderedDictionary<String, JSONValue>()
        entry["summary"] = .string(report.headline)
        guard let explanation = report.explanation else { return .object(entry) }
        let verdict = explanation.verdict
        entry["selected"] = .bool(explanation.command != nil)
        entry["blocked"] = optional(verdict.blocked)
        var notes = OrderedDictionary<String, JSONValue>()
        for method in DisruptionMethod.allCases { if let note = verdict.notes[method] { notes[method.rawValue] = .string(note) } }
        entry["notes"] = .object(notes)
        if let consolidatable = explanation.consolidatable {
            entry["consolidatable"] = .object([
                "state": .string(state(consolidatable.state)), "description": .string(consolidatable.description),
                "secondsLeft": consolidatable.requeueAfter.map { JSONValue.int(Int64($0.rounded(.up))) } ?? JSONValue.null,
            ])
        } else {
            entry["consolidatable"] = .null
        }
        entry["drifted"] = optional(explanation.driftReason?.rawValue)
        entry["budgets"] = NodeRemovalJSON.budgets(explanation.budgets)
        if let command = explanation.command {
            entry["command"] = .object(["method": .string(command.method.rawValue), "reason": .string(command.reason.rawValue),
                                        "decision": .string(command.decision.rawValue), "summary": .string(command.summary),
                                        "estimatedSavings": SimulationJSON.number(command.estimatedSavings)])
        } else {
            entry["command"] = .null
        }
        entry["warnings"] = .array(verdict.warnings.map(JSONValue.string))
        entry["lines"] = .array(explanation.lines.map(JSONValue.string))
        return .object(entry)
    }

    static func state(_ state: ConsolidatableEvaluation.State) -> String {
        switch state {
        case .disabled: return "Disabled"
        case .notInitialized: return "NotInitialized"
        case .consolidatable: return "Consolidatable"
        case .waiting: return "Waiting"
        }
    }

    static func optional(_ text: String?) -> JSONValue {
        text.map(JSONValue.string) ?? .null
    }
}
