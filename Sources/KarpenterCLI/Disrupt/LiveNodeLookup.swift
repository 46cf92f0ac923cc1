import KarpenterAPI
import KarpenterScheduling

/// A node a person named in `disrupt node`, `drain node` or `explain node`, with its NodeClaim
/// (when Karpenter manages it) and the pods bound to it.
struct LiveNode: Sendable {
    /// The Node's name, or the NodeClaim's while the NodeClaim has no Node yet.
    var name: String
    var node: Node?
    var nodeClaim: NodeClaim?
    var pods: [Pod]
    /// Set when NAME was resolved through a NodeClaim.
    var note: String?

    /// Karpenter manages a node through its NodeClaim; a node without one is not Karpenter's.
    var isManaged: Bool { nodeClaim != nil }
    var nodeClaimName: String? { nodeClaim?.metadata.name }

    var labels: [String: String] {
        var labels = nodeClaim?.metadata.labels ?? [:]
        for (key, value) in node?.metadata.labels ?? [:] { labels[key] = value }
        return labels
    }

    var nodePool: String? { labels[WellKnownLabel.nodePool] }
    var instanceType: String? { labels[WellKnownLabel.instanceType] }
    var zone: String? { labels[WellKnownLabel.zone] }
    var capacityType: String? { labels[WellKnownLabel.capacityType] }

    /// The NodeClaim (or, unmanaged, the Node) is being deleted.
    var deletionTimestamp: String? { nodeClaim?.metadata.deletionTimestamp ?? node?.metadata.deletionTimestamp }
}

enum LiveNodeLookup {
    struct Failure: Error, Sendable {
        var message: String
    }

    /// As `find`, for the commands that remove a node: one Karpenter does not manage is refused
    /// (with a `kubectl drain` hint), since only a NodeClaim's deletion drains gracefully.
    static func findManaged(_ name: String, in objects: ClusterObjects, verb: String) -> Result<LiveNode, Failure> {
        find(name, in: objects).flatMap { node in
            node.isManaged ? .success(node) : .failure(Failure(message: "error: " + NodeRemovalReport.unmanaged(node, verb: verb)))
        }
    }

    /// NAME is a Node's name or, failing that, a NodeClaim's.
    static func find(_ name: String, in objects: ClusterObjects) -> Result<LiveNode, Failure> {
        let nodes = objects.nodes.compactMap { try? $0.decode(Node.self) }
        let claims = objects.nodeClaims.compactMap { try? $0.decode(NodeClaim.self) }
        let pods = objects.pods.compactMap { try? $0.decode(Pod.self) }
        func bound(to node: String) -> [Pod] {
            pods.filter { $0.spec.nodeName == node }.sorted { PodLookup.key($0) < PodLookup.key($1) }
        }
        if let node = nodes.first(where: { $0.metadata.name == name }) {
            let providerID = node.spec.providerID
            let claim = claims.first { $0.status?.nodeName == name }
                ?? claims.first { claim in providerID.map { !$0.isEmpty && claim.status?.providerID == $0 } ?? false }
            return .success(LiveNode(name: name, node: node, nodeClaim: claim, pods: bound(to: name)))
        }
        if let claim = claims.first(where: { $0.metadata.name == name }) {
            let nodeName = claim.status?.nodeName.flatMap { $0.isEmpty ? nil : $0 }
            if let nodeName, let node = nodes.first(where: { $0.metadata.name == nodeName }) {
                return .success(LiveNode(name: nodeName, node: node, nodeClaim: claim, pods: bound(to: nodeName),
                                         note: "\(name) is a NodeClaim; its node is \(nodeName)"))
            }
            return .success(LiveNode(name: name, node: nil, nodeClaim: claim, pods: [],
                                     note: "\(name) is a NodeClaim that has no node yet"))
        }
        return .failure(Failure(message: notFound(name)))
    }

    /// kubectl's words for a missing node, and where to look.
    static func notFound(_ name: String) -> String {
        "Error from server (NotFound): nodes \"\(name)\" not found\n"
            + "hint: list the nodes with: kubectl get nodes (Karpenter's: kubectl karpenter get nodeclaims)"
    }
}
