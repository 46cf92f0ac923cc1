import KarpenterAPI
import KarpenterScheduling
import KubeClient
import Logging

/// Keeps every NodePool's status: resources and node count summed from its NodeClaims'
/// capacity, `NodeClassReady` from its node class, `ValidationSucceeded`, and `Ready`.
/// The scheduler reads the first for limits and skips NodePools that are not Ready.
struct NodePoolStatusReconciler: Sendable {
    let informers: ClusterInformers
    let writes: ObjectWrites
    /// nil: instance types do not depend on a node class (a fixed catalog), so none is needed.
    let nodeClassKind: String?
    let logger: Logger

    func reconcileAll() async {
        let claims = await informers.nodeClaims.items()
        let nodeClasses = await informers.nodeClasses.items()
        for nodePool in await informers.nodePools.items() where !nodePool.isDeleting {
            await reconcile(nodePool, claims: claims, nodeClasses: nodeClasses)
        }
    }

    private func reconcile(_ nodePool: JSONValue, claims: [JSONValue], nodeClasses: [JSONValue]) async {
        guard let typed = nodePool.typed(NodePool.self) else { return }
        let mine = claims.filter { $0.labels[WellKnownLabel.nodePool] == nodePool.name && !$0.isDeleting }
        var resources = ResourceList()
        for claim in mine {
            let capacity = claim.typed(NodeClaim.self)?.status?.capacity ?? [:]
            resources = resources.adding(capacity)
        }
        resources["nodes"] = Quantity(integer: Int64(mine.count))
        var conditions = ConditionSet(typed.status?.conditions, generation: typed.metadata.generation)
        let (ready, reason, message) = nodeClassReadiness(typed, nodeClasses: nodeClasses)
        conditions.set(ConditionType.nodeClassReady, ready, reason: reason, message: message)
        conditions.set(ConditionType.validationSucceeded, .true, reason: "ValidationSucceeded")
        conditions.setReady(dependents: [ConditionType.validationSucceeded, ConditionType.nodeClassReady])

        let oldResources = typed.status?.resources ?? [:]
        let unchanged = oldResources == resources && typed.status?.nodes == Int64(mine.count)
            && conditions.conditions.sameStates(as: typed.status?.conditions ?? [])
        if unchanged { return }
        do {
            _ = try await writes.patchStatus(.nodePools, nodePool, [
                "resources": JSONValue.of(resources), "nodes": .int(Int64(mine.count)),
                "conditions": JSONValue.of(conditions.conditions),
            ])
        } catch {
            logger.debug("updating nodepool status failed", metadata: ["NodePool": "\(nodePool.name)", "error": "\(error)"])
        }
    }

    private func nodeClassReadiness(_ nodePool: NodePool, nodeClasses: [JSONValue]) -> (ConditionStatus, String, String?) {
        guard let ref = nodePool.spec.template.spec.nodeClassRef else {
            return (.false, "NodeClassNotFound", "the NodePool has no nodeClassRef")
        }
        guard let nodeClass = nodeClasses.first(where: { $0.name == ref.name && $0["kind"]?.stringValue == ref.kind }) else {
            if nodeClassKind == nil { return (.true, "NodeClassReady", nil) }
            return (.false, "NodeClassNotFound", "\(ref.kind) \(ref.name) does not exist")
        }
        let ready = nodeClass.typed(AKSNodeClass.self)?.status?.conditions?.condition(ConditionType.ready)
        switch ready?.status {
        case .some(.true): return (.true, "NodeClassReady", nil)
        case .some(.false): return (.false, "NodeClassNotReady", ready?.message ?? "\(ref.kind) \(ref.name) is not ready")
        default: return (.unknown, "NodeClassReadinessUnknown", "\(ref.kind) \(ref.name) has no Ready condition yet")
        }
    }
}
