import KarpenterAPI
import KarpenterScheduling
import OrderedCollections

/// `explain pod -o json`: stable reason codes (`SchedulingFailure.Code`) per NodePool and node.
enum ExplanationJSON {
    static func render(_ explanation: PodExplanation, note: String?) -> JSONValue {
        var root = OrderedDictionary<String, JSONValue>()
        root["pod"] = .string(explanation.pod)
        if let note { root["note"] = .string(note) }
        if let origin = explanation.origin {
            root["origin"] = .object(["owner": .string(origin.owner), "file": .string(origin.file), "line": .int(Int64(origin.location.line))])
        }
        root["requests"] = SimulationJSON.resources(explanation.requests)
        root["outcome"] = outcome(explanation.outcome)
        var scheduler = OrderedDictionary<String, JSONValue>()
        scheduler["message"] = .string(explanation.kubeScheduler.message)
        scheduler["nodes"] = .int(Int64(explanation.kubeScheduler.nodes))
        scheduler["available"] = .int(Int64(explanation.kubeScheduler.available))
        scheduler["reasons"] = .array(explanation.kubeScheduler.reasons.map {
            .object(["reason": .string($0.reason), "count": .int(Int64($0.count))])
        })
        root["kubeScheduler"] = .object(scheduler)
        root["nodePools"] = .array(explanation.nodePools.map(nodePool))
        root["nodes"] = .array(explanation.nodes.map(node))
        root["cheapestFits"] = .object([
            "basis": .string(explanation.cheapestFitsBasis),
            "instanceTypes": .array(explanation.cheapestFits.map(fit)),
        ])
        root["relaxations"] = .array(explanation.relaxations.map(JSONValue.string))
        return .object(root)
    }

    static func outcome(_ outcome: PodExplanation.Outcome) -> JSONValue {
        var entry = OrderedDictionary<String, JSONValue>()
        switch outcome {
        case .existingNode(let node):
            entry["result"] = .string("ExistingNode")
            entry["node"] = .string(node)
        case .nodeClaim(let claim):
            entry["result"] = .string("NewNodeClaim")
            entry["nodeClaim"] = SimulationJSON.nodeClaim(claim)
        case .unschedulable(let pod):
            entry["result"] = .string("Unschedulable")
            entry["reason"] = .string(pod.reason)
            entry["failures"] = .array(pod.failures.map(SimulationJSON.failure))
        case .ignored(let pod):
            entry["result"] = .string("Ignored")
            entry["reason"] = .string(pod.reason)
            entry["failures"] = .array(pod.failures.map(SimulationJSON.failure))
        }
        return .object(entry)
    }

    static func nodePool(_ verdict: NodePoolVerdict) -> JSONValue {
        var entry = OrderedDictionary<String, JSONValue>()
        entry["name"] = .string(verdict.name)
        entry["verdict"] = .string(verdict.failure != nil ? "Rejected" : verdict.fits ? "Fits" : "NotEvaluated")
        entry["instanceTypes"] = .int(Int64(verdict.instanceTypes))
        if let failure = verdict.failure { entry["failure"] = SimulationJSON.failure(failure) }
        if let detail = verdict.detail { entry["detail"] = .string(detail) }
        if let note = verdict.note { entry["note"] = .string(note) }
        return .object(entry)
    }

    static func node(_ verdict: NodeVerdict) -> JSONValue {
        var entry = OrderedDictionary<String, JSONValue>()
        entry["name"] = .string(verdict.name)
        entry["verdict"] = .string(verdict.fits ? "Fits" : (verdict.failure != nil || !verdict.kubeSchedulerReasons.isEmpty) ? "Rejected" : "NotEvaluated")
        entry["kubeSchedulerReasons"] = .array(verdict.kubeSchedulerReasons.map(JSONValue.string))
        if let failure = verdict.failure { entry["failure"] = SimulationJSON.failure(failure) }
        if let note = verdict.note { entry["note"] = .string(note) }
        return .object(entry)
    }

    static func fit(_ fit: InstanceTypeFit) -> JSONValue {
        var entry = OrderedDictionary<String, JSONValue>()
        entry["name"] = .string(fit.name)
        if let pool = fit.nodePool { entry["nodePool"] = .string(pool) }
        entry["zone"] = .string(fit.zone)
        entry["capacityType"] = .string(fit.capacityType)
        entry["price"] = SimulationJSON.number(fit.price)
        entry["allocatable"] = SimulationJSON.resources(fit.allocatable)
        return .object(entry)
    }
}
