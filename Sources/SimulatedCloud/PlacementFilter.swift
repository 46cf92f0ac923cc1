import KarpenterAPI
import KarpenterScheduling

/// kube-scheduler's filters for one pod on one node, in its plugin order (NodeUnschedulable,
/// TaintToleration, NodeAffinity, NodeResourcesFit), with its reason strings. The first
/// failing filter decides, as in the scheduler framework; resources report every shortfall.
enum PlacementFilter {
    static let unschedulableTaint = Taint(key: "node.kubernetes.io/unschedulable", effect: .noSchedule)

    /// Why `pod` cannot go to `node` (empty: it fits). `used` = requests of the pods already there.
    static func reasons(pod: Pod, requests: ResourceVector, node: Node, used: ResourceVector) -> [String] {
        let tolerations = pod.spec.tolerations ?? []
        if node.spec.unschedulable == true && !tolerations.tolerate(unschedulableTaint) {
            return ["node(s) were unschedulable"]
        }
        if let taint = (node.spec.taints ?? []).first(where: { $0.effect != .preferNoSchedule && !tolerations.tolerate($0) }) {
            return ["node(s) had untolerated taint {\(taint.key): \(taint.value ?? "")}"]
        }
        if node.status?.condition("Ready")?.status != "True" && !tolerations.tolerate(SimulatedCloud.notReadyTaint) {
            // The node lifecycle controller taints such a node; the scheduler reports the taint.
            return ["node(s) had untolerated taint {\(SimulatedCloud.notReadyTaint.key): }"]
        }
        if !matchesNodeSelection(pod, labels: node.metadata.labels ?? [:], nodeName: node.metadata.name ?? "") {
            return ["node(s) didn't match Pod's node affinity/selector"]
        }
        let free = ResourceVector(quantities: node.status?.allocatable ?? [:]) - used
        return requests.nonZeroEntries.compactMap { entry in
            guard entry.amount > free[entry.name] else { return nil }
            return entry.name == ResourceVector.podsName ? "Too many pods" : "Insufficient \(entry.name)"
        }
    }

    /// `nodeSelector` and the required node affinity (terms ORed, expressions ANDed).
    static func matchesNodeSelection(_ pod: Pod, labels: [String: String], nodeName: String) -> Bool {
        for (key, value) in pod.spec.nodeSelector ?? [:] where labels[key] != value { return false }
        guard let required = pod.spec.affinity?.nodeAffinity?.required else { return true }
        return required.nodeSelectorTerms.contains { term in
            let expressions = term.matchExpressions ?? []
            let fields = term.matchFields ?? []
            guard !expressions.isEmpty || !fields.isEmpty else { return false }
            return expressions.allSatisfy { matches($0, value: labels[$0.key]) }
                && fields.allSatisfy { $0.key == "metadata.name" && matches($0, value: nodeName) }
        }
    }

    /// One expression through the requirements algebra: an absent label satisfies only the
    /// negative operators.
    static func matches(_ expression: NodeSelectorRequirement, value: String?) -> Bool {
        guard let op = RequirementOperator(rawValue: expression.operator.rawValue),
              let requirement = try? Requirement(expression.key, op, expression.values ?? []) else { return false }
        guard let value else { return op.isNegative }
        return requirement.allows(value)
    }

    /// kube-scheduler's FailedScheduling message over every node's reasons.
    static func message(nodeCount: Int, reasons: [[String]]) -> String {
        guard nodeCount > 0 else { return "no nodes available to schedule pods" }
        var counts: [String: Int] = [:]
        for list in reasons { for reason in list { counts[reason, default: 0] += 1 } }
        let entries = counts.map { "\($0.value) \($0.key)" }.sorted()
        return "0/\(nodeCount) nodes are available: " + entries.joined(separator: ", ") + "."
    }

    /// LeastAllocated: the share of cpu and memory left free after placing the pod; higher is better.
    static func score(requests: ResourceVector, node: Node, used: ResourceVector) -> Double {
        let allocatable = ResourceVector(quantities: node.status?.allocatable ?? [:])
        let after = used + requests
        func free(_ total: Int64, _ taken: Int64) -> Double { total > 0 ? Double(total - taken) / Double(total) : 0 }
        return (free(allocatable.cpuMillis, after.cpuMillis) + free(allocatable.memoryBytes, after.memoryBytes)) / 2
    }
}
