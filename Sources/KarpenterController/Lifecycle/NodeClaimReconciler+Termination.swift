import Foundation
import KarpenterAPI
import KarpenterCloud
import KubeClient

extension NodeClaimReconciler {
    /// A deleting NodeClaim (DISRUPTION.md §11, "NodeClaim deletion"): record its termination
    /// deadline, delete its Nodes and wait until the node termination controller has drained
    /// them and let them go, then delete the instance until the provider answers not found
    /// (`InstanceTerminating=True`), then release the finalizer. A NodeClaim that never
    /// launched just loses its finalizer.
    func terminate(_ nodeClaim: JSONValue) async throws -> Duration? {
        let finalizers = writes.finalizers(of: nodeClaim)
        guard finalizers.contains(KarpenterNames.terminationFinalizer) else { return nil }
        let current = try await annotateTerminationDeadline(nodeClaim)
        if let providerID = Self.providerID(of: current) {
            let nodes = await informers.nodes.items().filter { $0["spec"]?["providerID"]?.stringValue == providerID }
            if !nodes.isEmpty {
                for node in nodes where !node.isDeleting {
                    logger.info("deleting node of a deleting nodeclaim", metadata: ["NodeClaim": "\(current.name)", "Node": "\(node.name)"])
                    try await writes.delete(.nodes, node)
                }
                // The Node's own termination drains it; its deletion queues this NodeClaim again.
                return .seconds(5)
            }
            if try await deleteInstance(providerID, of: current) { return options.instanceTerminationPollInterval }
            metrics.nodeClaimTerminated(Self.nodePool(of: current))
            logger.info("terminated instance", metadata: ["NodeClaim": "\(current.name)", "provider-id": "\(providerID)"])
        }
        _ = try await writes.setFinalizers(.nodeClaims, current, writes.finalizers(of: current).filter { $0 != KarpenterNames.terminationFinalizer })
        return nil
    }

    /// One cloud delete. - Returns: true while the instance is still there (deleted or deleting
    /// now, or the call failed): ask again later; false once the provider answers not found.
    private func deleteInstance(_ providerID: String, of nodeClaim: JSONValue) async throws -> Bool {
        do {
            try await cloud.delete(providerID: providerID)
        } catch {
            if case .notFound = error { return false }
            logger.error("deleting instance failed", metadata: ["NodeClaim": "\(nodeClaim.name)", "error": "\(error)"])
            return true
        }
        var conditions = Self.conditions(of: nodeClaim)
        if !conditions.isTrue(ConditionType.instanceTerminating) {
            conditions.set(ConditionType.instanceTerminating, .true, reason: "InstanceTerminating")
            _ = try await writes.patchStatus(.nodeClaims, nodeClaim, ["conditions": JSONValue.of(conditions.conditions)])
        }
        return true
    }

    /// `karpenter.sh/nodeclaim-termination-timestamp` = deletionTimestamp + terminationGracePeriod, once.
    private func annotateTerminationDeadline(_ nodeClaim: JSONValue) async throws -> JSONValue {
        let annotations = nodeClaim["metadata"]?["annotations"]?.objectValue ?? [:]
        guard annotations[TerminationNames.terminationTimestampAnnotation] == nil,
              let deadline = TerminationDeadline.computed(nodeClaim) else { return nodeClaim }
        let written = try await writes.patchMetadata(.nodeClaims, nodeClaim, [
            "annotations": .object([TerminationNames.terminationTimestampAnnotation: .string(Timestamps.string(deadline))]),
        ])
        logger.info("recorded termination deadline", metadata: ["NodeClaim": "\(nodeClaim.name)", "deadline": "\(Timestamps.string(deadline))"])
        return written
    }
}
