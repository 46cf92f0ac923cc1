import KarpenterScheduling

/// What `kubectl karpenter get TYPE` lists, with the names kubectl users type for it.
enum GetView: String, CaseIterable, Sendable {
    case nodePools = "nodepools"
    case nodeClaims = "nodeclaims"
    case nodes

    /// Singular, plural, short and group-qualified names, as `kubectl get` accepts them.
    var aliases: [String] {
        switch self {
        case .nodePools: return ["nodepool", "nodepools", "np", "nodepool.karpenter.sh", "nodepools.karpenter.sh"]
        case .nodeClaims: return ["nodeclaim", "nodeclaims", "nc", "nodeclaim.karpenter.sh", "nodeclaims.karpenter.sh"]
        case .nodes: return ["node", "nodes", "no"]
        }
    }

    init?(argument: String) {
        let lowered = argument.lowercased()
        guard let view = Self.allCases.first(where: { $0.aliases.contains(lowered) }) else { return nil }
        self = view
    }

    var resource: ClusterObjects.Resource {
        switch self {
        case .nodePools: return .nodePools
        case .nodeClaims: return .nodeClaims
        case .nodes: return .nodes
        }
    }

    /// `nodepools.karpenter.sh`, `nodes`: how the API server names the resource in errors.
    var qualifiedResource: String {
        resource.group.isEmpty ? resource.plural : "\(resource.plural).\(resource.group)"
    }

    /// `-o name` prefix: `nodepool.karpenter.sh`, `node`.
    var namePrefix: String {
        let singular = resource.kind.lowercased()
        return resource.group.isEmpty ? singular : "\(singular).\(resource.group)"
    }

    /// What the table needs: the listed resource, plus NodeClaims for NodePool usage and cost
    /// and for a node's NodeClaim, plus pods for the requests on each node.
    func query(selector: String?) -> ClusterQuery {
        let resources: [ClusterObjects.Resource]
        switch self {
        case .nodePools: resources = [.nodePools, .nodeClaims]
        case .nodeClaims: resources = [.nodeClaims]
        case .nodes: resources = [.nodes, .nodeClaims, .pods]
        }
        return ClusterQuery(resources: resources, labelSelector: selector, selectorResource: resource, skipFinishedPods: true)
    }
}
