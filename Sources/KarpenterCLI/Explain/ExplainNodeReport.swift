import Foundation
import KarpenterAPI
import KarpenterDisruption
import KarpenterScheduling

/// `explain node NAME`: why the node exists and why it is or is not being disrupted now.
/// Pure: the objects are fetched by the caller.
struct ExplainNodeReport: Sendable {
    struct PodRow: Sendable, Hashable {
        var key: String
        /// `ReplicaSet/web-7d9f`, `DaemonSet/kube-proxy`; nil for a bare pod.
        var owner: String?
        var phase: String
        /// Needs a new home when the node goes (not DaemonSet, mirror or finished).
        var reschedulable: Bool
        var doNotDisrupt: Bool
    }

    var node: LiveNode
    var price: Double?
    /// The planner's verdict; nil for a node Karpenter does not manage.
    var explanation: NodeExplanation?
    var expireAfter: String?
    var pods: [PodRow]
    /// Karpenter's events about the Node, its NodeClaim and (DisruptionBlocked) its NodePool.
    var events: [PodEvent]
    var notes: [String]

    var created: String? { node.node?.metadata.creationTimestamp ?? node.nodeClaim?.metadata.creationTimestamp }

    static func make(_ node: LiveNode, objects: ClusterObjects, disruption: LiveDisruption, now: Date) -> ExplainNodeReport {
        var notes: [String] = []
        if let note = node.note { notes.append(note) }
        let explanation = node.isManaged ? disruption.planner.explain(node: node.nodeClaimName ?? node.name) : nil
        if node.isManaged && explanation == nil {
            notes.append("the disruption planner has no verdict for this node (it may be launching or already gone)")
        }
        let pool = node.nodePool.flatMap { name in
            objects.nodePools.lazy.compactMap { try? $0.decode(NodePool.self) }.first { $0.metadata.name == name }
        }
        let expireAfter = node.isManaged ? node.nodeClaim?.spec.expireAfter ?? pool?.spec.template.spec.expireAfter ?? "720h" : nil
        let pods = node.pods.map { pod in
            PodRow(key: PodLookup.key(pod),
                   owner: pod.metadata.ownerReferences?.first.map { "\($0.kind)/\($0.name)" },
                   phase: pod.metadata.deletionTimestamp != nil ? "Terminating" : pod.status?.phase?.rawValue ?? "Unknown",
                   reschedulable: PodDisruption.isReschedulable(pod),
                   doNotDisrupt: PodDisruption.isActive(pod) && PodDisruption.doNotDisrupt(pod, now: now) == .active)
        }
        return ExplainNodeReport(node: node, price: explanation?.verdict.candidate.map(\.price).flatMap { $0 > 0 ? $0 : nil }
                                     ?? disruption.price(of: node),
                                 explanation: explanation, expireAfter: expireAfter, pods: pods,
                                 events: events(objects.events, node: node), notes: notes)
    }

    /// Karpenter's events about this node, newest first.
    static func events(_ values: [JSONValue], node: LiveNode) -> [PodEvent] {
        values.filter { value in
            let involved = value["involvedObject"]
            let name = involved?["name"]?.stringValue
            switch involved?["kind"]?.stringValue {
            case "Node": return name == node.name && node.node != nil
            case "NodeClaim": return name != nil && name == node.nodeClaimName
            case "NodePool": return name != nil && name == node.nodePool && value["reason"]?.stringValue == "DisruptionBlocked"
            default: return false
            }
        }.map(PodEvent.init).filter(\.isKarpenter).sorted { $0.lastSeenDate() > $1.lastSeenDate() }
    }

    /// One line: why the node is or is not being disrupted now, in plain words.
    var headline: String {
        guard let explanation else {
            return "not managed by Karpenter: it has no NodeClaim, so Karpenter never consolidates, drifts or expires it"
        }
        let verdict = explanation.verdict
        if let command = explanation.command {
            return "Karpenter would disrupt it now (\(command.method.rawValue), reason \(command.reason.rawValue)): \(command.summary)"
        }
        if let blocked = verdict.blocked { return "blocked: \(blocked)" }
        if let consolidatable = explanation.consolidatable, consolidatable.state == .waiting || consolidatable.state == .disabled {
            return "not consolidated yet: \(consolidatable.description)"
        }
        return "not disrupted now: " + verdict.summary
    }

    static func rfc3339(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
