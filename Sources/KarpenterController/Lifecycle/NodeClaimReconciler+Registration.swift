import Foundation
import KarpenterAPI
import KubeClient

extension NodeClaimReconciler {
    /// Adopts the Node whose providerID matches: NodeClaim labels and taints onto the Node,
    /// `karpenter.sh/registered=true`, the unregistered taint removed, the NodeClaim as owner,
    /// the termination finalizer; then `Registered`. No Node within the registration TTL
    /// (liveness): the NodeClaim is deleted.
    func registerIfNeeded(_ nodeClaim: JSONValue) async throws -> Step {
        guard let providerID = Self.providerID(of: nodeClaim) else { return .stop(requeueAfter: nil) }
        let conditions = Self.conditions(of: nodeClaim)
        guard let node = await node(withProviderID: providerID) else {
            if let remaining = registrationTimeRemaining(nodeClaim, conditions: conditions), remaining > .zero {
                return .stop(requeueAfter: remaining)
            }
            logger.info("deleting nodeclaim: its node did not register in time",
                        metadata: ["NodeClaim": "\(nodeClaim.name)", "ttl": "\(options.registrationTTL)"])
            await events.record(nodeClaim, warning: true, reason: EventRecorder.Reason.registrationTimeout,
                                message: "Node did not register within \(options.registrationTTL)")
            try await writes.delete(.nodeClaims, nodeClaim)
            await reprovision("nodeclaim/\(nodeClaim.name)")
            return .stop(requeueAfter: nil)
        }
        if conditions.isTrue(ConditionType.registered) && node.labels[KarpenterNames.registeredLabel] == "true" {
            return .next(nodeClaim)
        }
        guard let typed = nodeClaim.typed(NodeClaim.self), let typedNode = node.typed(Node.self) else { return .stop(requeueAfter: nil) }

        var labels = node.labels
        for (key, value) in nodeClaim.labels { labels[key] = value }
        labels[KarpenterNames.registeredLabel] = "true"
        var taints = typedNode.spec.taints ?? []
        if nodeClaim.labels[KarpenterNames.doNotSyncTaintsLabel] != "true" {
            for taint in (typed.spec.taints ?? []) + (typed.spec.startupTaints ?? []) where !taints.contains(where: { $0.matchesKeyAndEffect(taint) }) {
                taints.append(taint)
            }
        }
        taints.removeAll { $0.matchesKeyAndEffect(KarpenterNames.unregisteredTaint) }
        var owners = typedNode.metadata.ownerReferences ?? []
        if !owners.contains(where: { $0.uid == nodeClaim.uid }) {
            owners.append(OwnerReference(apiVersion: KarpenterAPIGroup.coreV1, kind: KarpenterKind.nodeClaim,
                                         name: nodeClaim.name, uid: nodeClaim.uid, blockOwnerDeletion: true))
        }
        var finalizers = writes.finalizers(of: node)
        if !finalizers.contains(KarpenterNames.terminationFinalizer) { finalizers.append(KarpenterNames.terminationFinalizer) }
        _ = try await writes.patch(.nodes, node, spec: ["taints": taints.isEmpty ? .null : JSONValue.of(taints)],
                                   metadata: ["labels": JSONValue.of(labels), "ownerReferences": JSONValue.of(owners),
                                              "finalizers": JSONValue.of(finalizers)])

        var updated = conditions
        updated.set(ConditionType.registered, .true, reason: "Registered")
        updated.setReady(dependents: [ConditionType.launched, ConditionType.registered, ConditionType.initialized])
        let written = try await writes.patchStatus(.nodeClaims, nodeClaim, ["nodeName": .string(node.name),
                                                                          "conditions": JSONValue.of(updated.conditions)])
        metrics.nodeClaimRegistered(Self.nodePool(of: nodeClaim))
        logger.info("registered nodeclaim", metadata: ["NodeClaim": "\(nodeClaim.name)", "Node": "\(node.name)"])
        return .next(written)
    }

    /// Time left before liveness deletes an unregistered NodeClaim, counted from its launch.
    func registrationTimeRemaining(_ nodeClaim: JSONValue, conditions: ConditionSet) -> Duration? {
        let since = Timestamps.date(conditions.conditions.condition(ConditionType.launched)?.lastTransitionTime)
            ?? Timestamps.date(nodeClaim["metadata"]?["creationTimestamp"]?.stringValue)
        guard let since else { return nil }
        let remaining = options.registrationTTL.seconds - Date().timeIntervalSince(since)
        return remaining <= 0 ? .zero : .milliseconds(Int64(remaining * 1000) + 50)
    }
}
