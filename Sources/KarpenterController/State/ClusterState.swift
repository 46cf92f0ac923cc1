import Foundation
import KarpenterAPI
import KarpenterScheduling
import KubeClient

/// The cluster as the scheduler sees it: the informers' objects, plus the NodeClaims this
/// process created that the NodeClaim informer has not delivered yet, so a batch that follows
/// right after a create never plans the same pods again.
actor ClusterState {
    let informers: ClusterInformers
    private var created: [String: (object: JSONValue, at: Date)] = [:]
    /// Capacity of the largest instance type a not yet launched NodeClaim may become, for NodePool limits.
    private var plannedCapacity: [String: ResourceList] = [:]

    /// Nodes (or NodeClaims) a provisioning pass placed pending pods on, and until when
    /// disruption must leave them alone (DISRUPTION.md §3: max(2 × batch max duration, 10 s)).
    private var nominated: [String: Date] = [:]
    let nominationWindow: TimeInterval

    init(informers: ClusterInformers, nominationWindow: TimeInterval = 20) {
        self.informers = informers
        self.nominationWindow = nominationWindow
    }

    func nominate(_ names: some Sequence<String>) {
        let until = Date().addingTimeInterval(nominationWindow)
        for name in names { nominated[name] = until }
    }

    func nominatedNodes() -> Set<String> {
        let now = Date()
        nominated = nominated.filter { $0.value > now }
        return Set(nominated.keys)
    }

    func recordCreated(_ nodeClaim: JSONValue, largestCapacity: ResourceList) {
        created[nodeClaim.name] = (nodeClaim, Date())
        plannedCapacity[nodeClaim.name] = largestCapacity
    }

    /// The informer delivered the NodeClaim (or its deletion): it no longer needs standing in for.
    func informerSaw(_ name: String) {
        created[name] = nil
    }

    /// Every NodeClaim known: the informer's and the ones created but not yet seen.
    func nodeClaims() async -> [JSONValue] {
        var claims = await informers.nodeClaims.items()
        let seen = Set(claims.map(\.name))
        let now = Date()
        for (name, entry) in created {
            if seen.contains(name) || now.timeIntervalSince(entry.at) > 60 {
                created[name] = nil
            } else {
                claims.append(entry.object)
            }
        }
        plannedCapacity = plannedCapacity.filter { seen.contains($0.key) || created[$0.key] != nil }
        return claims
    }

    /// The scheduler's input objects.
    func objects() async -> ClusterObjects {
        let claims = await nodeClaims().map(withPlannedResources)
        let nodes = Self.withClaimLabels(await informers.nodes.items(), claims: claims)
        return ClusterObjects(nodePools: await informers.nodePools.items(), nodeClaims: claims,
                              nodeClasses: await informers.nodeClasses.items(), nodes: nodes,
                              pods: await informers.pods.items(), daemonSets: await informers.daemonSets.items(),
                              podDisruptionBudgets: await informers.podDisruptionBudgets.items())
    }

    /// A NodeClaim not launched yet has no allocatable: it offers exactly what it was planned
    /// for (its requests, which include the pods planned onto it), so those pods are placed on
    /// it again instead of on a new NodeClaim; its capacity counts against NodePool limits as
    /// its largest option.
    private func withPlannedResources(_ nodeClaim: JSONValue) -> JSONValue {
        guard nodeClaim["status"]?["allocatable"] == nil, let requests = nodeClaim["spec"]?["resources"]?["requests"] else {
            return nodeClaim
        }
        var status = nodeClaim["status"] ?? .object([:])
        if status.objectValue == nil { status = .object([:]) }
        status["allocatable"] = requests
        status["capacity"] = plannedCapacity[nodeClaim.name].map { JSONValue.of($0) } ?? requests
        var result = nodeClaim
        result["status"] = status
        return result
    }

    /// A Node that appeared for a NodeClaim but is not registered yet carries only what the
    /// kubelet set; it gets the NodeClaim's labels (in this copy only), so the scheduler sees a
    /// managed node still starting (its startup taints ignored) instead of a foreign node with
    /// taints no pod tolerates, and does not plan the NodeClaim's pods anew.
    static func withClaimLabels(_ nodes: [JSONValue], claims: [JSONValue]) -> [JSONValue] {
        var claimsByProvider: [String: JSONValue] = [:]
        for claim in claims {
            if let id = claim["status"]?["providerID"]?.stringValue, !id.isEmpty { claimsByProvider[id] = claim }
        }
        return nodes.map { node in
            guard let id = node["spec"]?["providerID"]?.stringValue, let claim = claimsByProvider[id],
                  node.labels[KarpenterNames.registeredLabel] != "true" else { return node }
            var labels = node["metadata"]?["labels"]?.objectValue ?? [:]
            for (key, value) in claim.labels where labels[key] == nil { labels[key] = .string(value) }
            var result = node
            var metadata = node["metadata"] ?? .object([:])
            metadata["labels"] = .object(labels)
            result["metadata"] = metadata
            return result
        }
    }
}
