import KarpenterAPI

/// kube-scheduler's `FailedScheduling` message for a pod over the existing nodes
/// (ECOSYSTEM.md §2.1): `0/3 nodes are available: 1 Insufficient cpu, 2 node(s) had
/// untolerated taint {gpu: true}.` The reasons are kube-scheduler's own strings, derived from
/// the check that rejected each node in our scheduler's trace.
public struct KubeSchedulerSummary: Sendable, Hashable {
    public struct Reason: Sendable, Hashable {
        public var reason: String
        public var count: Int
    }

    public var nodes: Int
    public var available: Int
    public var reasons: [Reason]
    public var message: String

    init(nodes verdicts: [NodeVerdict]) {
        nodes = verdicts.count
        available = verdicts.filter(\.fits).count
        var counts: [String: Int] = [:]
        for verdict in verdicts where !verdict.fits {
            for reason in verdict.kubeSchedulerReasons { counts[reason, default: 0] += 1 }
        }
        // kube-scheduler sorts "<count> <reason>" entries as strings.
        let entries = counts.map { "\($0.value) \($0.key)" }.sorted()
        reasons = counts.map { Reason(reason: $0.key, count: $0.value) }.sorted { "\($0.count) \($0.reason)" < "\($1.count) \($1.reason)" }
        if verdicts.isEmpty {
            message = "no nodes available to schedule pods"
        } else if available > 0 {
            message = "\(available)/\(nodes) nodes are available"
        } else {
            message = "0/\(nodes) nodes are available: " + entries.joined(separator: ", ") + "."
        }
    }

    /// kube-scheduler's reason strings for one rejected node.
    static func reasons(for failure: SchedulingFailure, pod: Pod, node: ExistingNodeInput) -> [String] {
        switch failure.code {
        case .taintNotTolerated:
            let tolerations = pod.spec.tolerations ?? []
            if let taint = (node.node?.spec.taints ?? node.nodeClaim?.spec.taints ?? []).first(where: {
                $0.effect != .preferNoSchedule && !tolerations.tolerate($0) }) {
                return ["node(s) had untolerated taint {\(taint.key): \(taint.value ?? "")}"]
            }
            return ["node(s) had untolerated taint"]
        case .insufficientResources, .noInstanceType:
            let insufficient = insufficientResources(pod: pod, node: node)
            return insufficient.isEmpty ? ["Insufficient resources"] : insufficient
        case .incompatibleRequirements, .undefinedLabel:
            return ["node(s) didn't match Pod's node affinity/selector"]
        case .topology:
            if failure.message.contains("anti-affinity") { return ["node(s) didn't match pod anti-affinity rules"] }
            if failure.message.contains("pod affinity") { return ["node(s) didn't match pod affinity rules"] }
            return ["node(s) didn't match pod topology spread constraints"]
        case .hostPortConflict:
            return ["node(s) didn't have free ports for the requested pod ports"]
        default:
            return [failure.message]
        }
    }

    /// `Insufficient cpu`, `Too many pods`... for each resource the node's free allocatable lacks.
    static func insufficientResources(pod: Pod, node: ExistingNodeInput) -> [String] {
        let requests = PodRequests.of(pod)
        let free = freeAllocatable(node)
        var reasons: [String] = []
        for (name, amount) in requests.nonZeroEntries where amount > free[name] {
            reasons.append(name == ResourceVector.podsName ? "Too many pods" : "Insufficient \(name)")
        }
        return reasons
    }

    static func freeAllocatable(_ node: ExistingNodeInput) -> ResourceVector {
        let list = node.node?.status?.allocatable ?? node.nodeClaim?.status?.allocatable ?? [:]
        var free = ResourceVector(quantities: list)
        for pod in node.pods where !PodEligibility.isTerminal(pod) { free = free - PodRequests.of(pod) }
        return free
    }
}
