import KarpenterAPI
import KarpenterScheduling
import OrderedCollections

/// Live `explain pod -o json`: the offline document for a pending pod (`ExplanationJSON`) or a
/// placement for a running one, plus `notes`, `cluster` (the pod's own status) and `events`.
enum LiveExplanationJSON {
    static func render(_ report: LivePodReport) -> JSONValue {
        var root: OrderedDictionary<String, JSONValue>
        switch report.body {
        case .pending(let explanation):
            root = ExplanationJSON.render(explanation, note: nil).objectValue ?? [:]
            root["state"] = .string("Pending")
        case .running(let placement):
            root = placementJSON(placement)
        case .inactive(let reason):
            root = ["pod": .string(report.key), "state": .string("Inactive"), "reason": .string(reason)]
        }
        root["notes"] = .array(report.notes.map(JSONValue.string))
        root["cluster"] = status(report.status)
        root["events"] = .object([
            "kubeScheduler": .array(report.events.scheduler.map(event)),
            "karpenter": .array(report.events.karpenter.map(event)),
        ])
        return .object(root)
    }

    static func placementJSON(_ placement: PodPlacement) -> OrderedDictionary<String, JSONValue> {
        var root = OrderedDictionary<String, JSONValue>()
        root["pod"] = .string(placement.pod)
        root["state"] = .string("Running")
        var node = OrderedDictionary<String, JSONValue>()
        node["name"] = .string(placement.node)
        node["nodeClaim"] = optional(placement.nodeClaim)
        node["nodePool"] = optional(placement.offering.nodePool)
        node["instanceType"] = optional(placement.offering.instanceType)
        node["zone"] = optional(placement.offering.zone)
        node["capacityType"] = optional(placement.offering.capacityType)
        node["price"] = placement.price.map(SimulationJSON.number) ?? .null
        root["node"] = .object(node)
        root["requests"] = SimulationJSON.resources(placement.requests)
        root["constraints"] = .array(placement.constraints.map { check in
            .object(["kind": .string(check.kind.rawValue), "required": .bool(check.required), "constraint": .string(check.constraint),
                     "satisfied": .bool(check.satisfied), "evidence": .string(check.evidence)])
        })
        var reschedule = OrderedDictionary<String, JSONValue>()
        if let note = placement.rescheduleNote { reschedule["skipped"] = .string(note) }
        if let own = placement.ownNode { reschedule["ownNode"] = ExplanationJSON.node(own) }
        if let explanation = placement.reschedule { reschedule["outcome"] = ExplanationJSON.outcome(explanation.outcome) }
        root["reschedule"] = .object(reschedule)
        return root
    }

    static func status(_ status: LivePodStatus) -> JSONValue {
        var entry = OrderedDictionary<String, JSONValue>()
        entry["phase"] = .string(status.phase)
        entry["created"] = optional(status.created)
        entry["owner"] = optional(status.owner)
        entry["nodeName"] = optional(status.nodeName)
        entry["nominatedNodeName"] = optional(status.nominatedNode)
        entry["markedUnschedulable"] = .bool(status.markedUnschedulable)
        if let scheduled = status.scheduled {
            entry["podScheduled"] = .object(["status": .string(scheduled.status), "reason": optional(scheduled.reason),
                                             "message": optional(scheduled.message),
                                             "lastTransitionTime": optional(scheduled.lastTransitionTime)])
        }
        return .object(entry)
    }

    static func event(_ event: PodEvent) -> JSONValue {
        var entry = OrderedDictionary<String, JSONValue>()
        entry["type"] = .string(event.type)
        entry["reason"] = .string(event.reason)
        entry["source"] = .string(event.source)
        entry["count"] = .int(Int64(event.count))
        entry["firstSeen"] = optional(event.firstSeen)
        entry["lastSeen"] = optional(event.lastSeen)
        entry["message"] = .string(event.message)
        return .object(entry)
    }

    private static func optional(_ text: String?) -> JSONValue {
        text.map(JSONValue.string) ?? .null
    }
}
