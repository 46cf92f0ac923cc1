import KarpenterAPI
import KubeClient

extension NodeClaimReconciler {
    /// Taints a node carries while it starts, besides the NodePool's startup taints.
    static let ephemeralTaintKeys: Set<String> = [
        "node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable",
        "node.cloudprovider.kubernetes.io/uninitialized", WellKnownTaint.unregisteredKey,
    ]

    /// The Node is initialized once it is Ready, its startup and ephemeral taints are gone and
    /// it reports every resource the NodeClaim expects: `karpenter.sh/initialized=true`,
    /// conditions `Initialized` and `Ready`.
    func initializeIfNeeded(_ nodeClaim: JSONValue) async throws -> Step {
        let conditions = Self.conditions(of: nodeClaim)
        if conditions.isTrue(ConditionType.initialized) { return .stop(requeueAfter: nil) }
        guard let providerID = Self.providerID(of: nodeClaim), let node = await node(withProviderID: providerID),
              let typedNode = node.typed(Node.self), let typed = nodeClaim.typed(NodeClaim.self) else {
            return .stop(requeueAfter: nil)
        }
        guard typedNode.status?.condition("Ready")?.status == "True" else { return .stop(requeueAfter: nil) }
        let taints = typedNode.spec.taints ?? []
        let startup = typed.spec.startupTaints ?? []
        if taints.contains(where: { taint in Self.ephemeralTaintKeys.contains(taint.key) || startup.contains { $0.matchesKeyAndEffect(taint) } }) {
            return .stop(requeueAfter: nil)
        }
        let reported = typedNode.status?.allocatable ?? [:]
        for (resource, quantity) in typed.status?.allocatable ?? [:] where !quantity.isZero && reported[resource]?.isZero != false {
            return .stop(requeueAfter: nil)
        }

        if node.labels[KarpenterNames.initializedLabel] != "true" {
            var labels = node.labels
            labels[KarpenterNames.initializedLabel] = "true"
            _ = try await writes.patchMetadata(.nodes, node, ["labels": JSONValue.of(labels)])
        }
        var updated = conditions
        updated.set(ConditionType.initialized, .true, reason: "Initialized")
        updated.setReady(dependents: [ConditionType.launched, ConditionType.registered, ConditionType.initialized])
        _ = try await writes.patchStatus(.nodeClaims, nodeClaim, ["conditions": JSONValue.of(updated.conditions)])
        metrics.nodeClaimInitialized(Self.nodePool(of: nodeClaim))
        logger.info("initialized nodeclaim", metadata: ["NodeClaim": "\(nodeClaim.name)", "Node": "\(node.name)"])
        return .stop(requeueAfter: nil)
    }
}
