import Foundation
import KarpenterAPI
import KarpenterScheduling

/// A node as the disruption controller sees it: its Node and NodeClaim (either may be
/// missing) and every pod bound to it, terminating and finished ones included.
struct StateNode: Sendable {
    /// The Node's name, or the NodeClaim's while it has no Node.
    let name: String
    let node: Node?
    let nodeClaim: NodeClaim?
    let pods: [Pod]
    let labels: [String: String]
    /// Marked for deletion in the API or by the orchestration queue.
    let markedForDeletion: Bool
    let inQueue: Bool

    init(node: Node?, nodeClaim: NodeClaim?, pods: [Pod], queue: Set<String>) {
        self.node = node
        self.nodeClaim = nodeClaim
        self.pods = pods
        name = node?.metadata.name ?? nodeClaim?.metadata.name ?? ""
        var labels = nodeClaim?.metadata.labels ?? [:]
        for (key, value) in node?.metadata.labels ?? [:] { labels[key] = value }
        self.labels = labels
        inQueue = queue.contains(name) || (nodeClaim?.metadata.name).map(queue.contains) == true
        markedForDeletion = inQueue || node?.metadata.deletionTimestamp != nil || nodeClaim?.metadata.deletionTimestamp != nil
    }

    var nodeClaimName: String? { nodeClaim?.metadata.name }
    var nodePoolName: String? { labels[WellKnownLabel.nodePool] }
    var isManaged: Bool { nodeClaim != nil || nodePoolName != nil }
    var instanceTypeName: String? { labels[WellKnownLabel.instanceType] }
    var zone: String? { labels[WellKnownLabel.zone] }
    var capacityType: String? { labels[WellKnownLabel.capacityType] }
    /// `karpenter.sh/initialized=true` on the Node.
    var isInitialized: Bool { node?.metadata.labels?["karpenter.sh/initialized"] == "true" }
    var isReady: Bool { node?.status?.condition("Ready")?.status == "True" }
    var isInstanceTerminating: Bool { nodeClaim?.status?.conditions?.condition(ConditionType.instanceTerminating)?.isTrue == true }

    func matches(_ names: Set<String>) -> Bool {
        names.contains(name) || (nodeClaimName.map(names.contains) ?? false)
    }

    func annotation(_ key: String) -> String? {
        node?.metadata.annotations?[key] ?? nodeClaim?.metadata.annotations?[key]
    }
}
