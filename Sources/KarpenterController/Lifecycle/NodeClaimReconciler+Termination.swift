import KarpenterAPI
import KarpenterCloud
import KubeClient

extension NodeClaimReconciler {
    /// A deleting NodeClaim: delete its instance, and only when the provider says it is gone
    /// remove the Node and the finalizer (draining comes with the termination controller).
    func terminate(_ nodeClaim: JSONValue) async throws -> Duration? {
        let finalizers = writes.finalizers(of: nodeClaim)
        guard finalizers.contains(KarpenterNames.terminationFinalizer) else { return nil }
        if let providerID = Self.providerID(of: nodeClaim) {
            do {
                try await cloud.delete(providerID: providerID)
                // Deleted or deleting: ask again until the provider answers notFound.
                return .seconds(1)
            } catch {
                guard case .notFound = error else {
                    logger.error("deleting instance failed", metadata: ["NodeClaim": "\(nodeClaim.name)", "error": "\(error)"])
                    return .seconds(5)
                }
            }
            for node in await informers.nodes.items() where node["spec"]?["providerID"]?.stringValue == providerID {
                let remaining = writes.finalizers(of: node).filter { $0 != KarpenterNames.terminationFinalizer }
                if remaining.count != writes.finalizers(of: node).count {
                    _ = try? await writes.setFinalizers(.nodes, node, remaining)
                }
                try await writes.delete(.nodes, node)
            }
            metrics.nodeClaimTerminated(Self.nodePool(of: nodeClaim))
            logger.info("terminated instance", metadata: ["NodeClaim": "\(nodeClaim.name)", "provider-id": "\(providerID)"])
        }
        _ = try await writes.setFinalizers(.nodeClaims, nodeClaim, finalizers.filter { $0 != KarpenterNames.terminationFinalizer })
        return nil
    }
}
