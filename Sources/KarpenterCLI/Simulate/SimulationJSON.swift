import KarpenterAPI
import KarpenterScheduling
import OrderedCollections

/// `simulate -o json|yaml`: a stable interface, documented in the README. Fields are only
/// ever added, never renamed or removed.
enum SimulationJSON {
    static func render(build: SnapshotBuild, result: SchedulingResult) -> JSONValue {
        var root = OrderedDictionary<String, JSONValue>()
        root["apiVersion"] = .string("karpenter.azure.com/simulation-v1")
        root["instanceTypeSource"] = .string(build.source)
        root["nodeClaims"] = .array(result.nodeClaims.map(nodeClaim))
        var existing = OrderedDictionary<String, JSONValue>()
        for (pod, node) in result.existingPlacements.sorted(by: { $0.key < $1.key }) { existing[pod] = .string(node) }
        root["existingNodes"] = .object(existing)
        root["unschedulable"] = .array(result.unschedulable.map { unschedulable($0, ignored: false) })
        root["ignored"] = .array(result.ignored.map { unschedulable($0, ignored: true) })
        root["nodePools"] = .array(build.nodePools.map(nodePool))
        root["totals"] = totals(PlanTotals(result: result, pendingPods: build.snapshot.pendingPods.count))
        root["diagnostics"] = .array(build.diagnostics.map(diagnostic))
        return .object(root)
    }

    static func nodeClaim(_ claim: PlannedNodeClaim) -> JSONValue {
        var entry = OrderedDictionary<String, JSONValue>()
        entry["name"] = .string(claim.name)
        entry["nodePool"] = .string(claim.nodePool)
        entry["instanceType"] = claim.launch.map { .string($0.name) } ?? .null
        entry["zone"] = claim.launch.map { .string($0.zone) } ?? .null
        entry["capacityType"] = claim.launch.map { .string($0.capacityType) } ?? .null
        entry["price"] = claim.launch.map { number($0.price) } ?? .null
        entry["instanceTypes"] = .array(claim.instanceTypes.map { .string($0.name) })
        entry["options"] = .array(claim.instanceTypes.prefix(10).map(option))
        var labels = OrderedDictionary<String, JSONValue>()
        for (key, value) in claim.labels.sorted(by: { $0.key < $1.key }) { labels[key] = .string(value) }
        entry["labels"] = .object(labels)
        entry["requests"] = resources(claim.requests)
        entry["allocatable"] = claim.launch.map { resources($0.allocatable) } ?? .null
        entry["pods"] = .array(claim.pods.map(JSONValue.string))
        return .object(entry)
    }

    static func option(_ option: InstanceTypeOption) -> JSONValue {
        var entry = OrderedDictionary<String, JSONValue>()
        entry["name"] = .string(option.name)
        entry["zone"] = .string(option.zone)
        entry["capacityType"] = .string(option.capacityType)
        entry["price"] = number(option.price)
        return .object(entry)
    }

    static func unschedulable(_ pod: UnschedulablePod, ignored: Bool) -> JSONValue {
        var entry = OrderedDictionary<String, JSONValue>()
        entry["pod"] = .string(pod.pod)
        entry["reason"] = .string(pod.reason)
        entry["code"] = .string(pod.failures.first?.code.rawValue ?? (ignored ? "InvalidPod" : "Unschedulable"))
        entry["failures"] = .array(pod.failures.map(failure))
        return .object(entry)
    }

    static func failure(_ failure: SchedulingFailure) -> JSONValue {
        var entry = OrderedDictionary<String, JSONValue>()
        entry["code"] = .string(failure.code.rawValue)
        if let candidate = failure.candidate { entry["candidate"] = .string(candidate) }
        entry["message"] = .string(failure.message)
        if let hint = failure.hint { entry["hint"] = .string(hint) }
        return .object(entry)
    }

    static func nodePool(_ summary: NodePoolSummary) -> JSONValue {
        var entry = OrderedDictionary<String, JSONValue>()
        entry["name"] = .string(summary.name)
        entry["nodeClass"] = .string(summary.nodeClass)
        entry["instanceTypes"] = .int(Int64(summary.instanceTypeCount))
        if let problem = summary.problem { entry["problem"] = .string(problem) }
        if let hint = summary.hint { entry["hint"] = .string(hint) }
        return .object(entry)
    }

    static func totals(_ totals: PlanTotals) -> JSONValue {
        var pods = OrderedDictionary<String, JSONValue>()
        pods["pending"] = .int(Int64(totals.podsPending))
        pods["onNewNodeClaims"] = .int(Int64(totals.podsOnNewNodeClaims))
        pods["onExistingNodes"] = .int(Int64(totals.podsOnExistingNodes))
        pods["unschedulable"] = .int(Int64(totals.podsUnschedulable))
        pods["ignored"] = .int(Int64(totals.podsIgnored))
        var entry = OrderedDictionary<String, JSONValue>()
        entry["nodeClaims"] = .int(Int64(totals.nodeClaims))
        entry["pricePerHour"] = number(totals.pricePerHour)
        entry["pods"] = .object(pods)
        entry["requested"] = resources(totals.requested)
        entry["allocatable"] = resources(totals.allocatable)
        var utilization = OrderedDictionary<String, JSONValue>()
        for name in [ResourceVector.cpu, ResourceVector.memory, ResourceVector.podsName] {
            utilization[name] = totals.utilization(name).map { number($0) } ?? .null
        }
        entry["utilization"] = .object(utilization)
        return .object(entry)
    }

    static func diagnostic(_ diagnostic: SnapshotDiagnostic) -> JSONValue {
        var entry = OrderedDictionary<String, JSONValue>()
        entry["severity"] = .string(diagnostic.severity.rawValue)
        if let file = diagnostic.file { entry["file"] = .string(file) }
        if let location = diagnostic.location {
            entry["line"] = .int(Int64(location.line))
            entry["column"] = .int(Int64(location.column))
        }
        if let object = diagnostic.object { entry["object"] = .string(object) }
        entry["message"] = .string(diagnostic.message)
        if let hint = diagnostic.hint { entry["hint"] = .string(hint) }
        return .object(entry)
    }

    static func resources(_ vector: ResourceVector) -> JSONValue {
        var entry = OrderedDictionary<String, JSONValue>()
        for (name, value) in PlanFormatting.quantities(vector).sorted(by: { $0.key < $1.key }) { entry[name] = .string(value) }
        return .object(entry)
    }

    /// A JSON number with at most six decimals (prices are sums of doubles).
    static func number(_ value: Double) -> JSONValue {
        var text = String(format: "%.6f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return .number(text)
    }
}
