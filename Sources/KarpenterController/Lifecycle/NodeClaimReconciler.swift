import Foundation
import KarpenterAPI
import KarpenterCloud
import KubeClient
import Logging

/// Drives one NodeClaim through its life: finalizer, launch, registration, initialization,
/// liveness, expiration, and on deletion the instance's termination (SCHEDULING.md §8, CLOUD.md §6,
/// DISRUPTION.md §8 and §11).
/// Each call looks at the object once and returns when it should be looked at again.
struct NodeClaimReconciler: Sendable {
    let informers: ClusterInformers
    let writes: ObjectWrites
    let cloud: CloudCalls
    let instanceTypes: CloudInstanceTypes
    let unavailable: UnavailableOfferings
    let events: EventRecorder
    let metrics: ControllerMetrics
    let options: ControllerOptions
    let logger: Logger
    /// Asks the provisioner to plan again (pods of a NodeClaim that went away).
    let reprovision: @Sendable (String) async -> Void
    /// Expiration requeues already pending.
    let expirations = ExpirationTimers()

    enum Step {
        case next(JSONValue)
        /// Done for now; look again after the delay (nil: only when something changes).
        case stop(requeueAfter: Duration?)
    }

    /// - Returns: when to look at the NodeClaim again, nil when only a change should trigger it.
    func reconcile(_ name: String) async -> Duration? {
        guard await informers.nodeClaims.get(ObjectKey(namespace: nil, name: name)) != nil else {
            await expirations.forget(name)
            return nil
        }
        do {
            // The cache may lag behind this controller's own last write (a launch it already
            // made); the API server's copy is the truth before acting on the cloud.
            let nodeClaim = try await writes.client.get(.nodeClaims, name: name)
            if nodeClaim.isDeleting {
                await expirations.forget(name)
                return try await terminate(nodeClaim)
            }
            let expiration = try await expireIfNeeded(nodeClaim)
            if case .expired = expiration { return nil }
            var current = nodeClaim
            for step in [ensureFinalizer, launchIfNeeded, registerIfNeeded, initializeIfNeeded] {
                switch try await step(current) {
                case .next(let updated): current = updated
                case .stop(let delay): return await requeue(delay, expiration, name: name)
                }
            }
            return await requeue(nil, expiration, name: name)
        } catch let error as KubeClientError where error.status?.isConflict == true {
            return .milliseconds(100)
        } catch let error as KubeClientError where error.status?.isNotFound == true {
            return nil
        } catch {
            logger.error("reconciling nodeclaim failed", metadata: ["NodeClaim": "\(name)", "error": "\(error)"])
            return .seconds(5)
        }
    }

    /// The finalizer comes before the launch, so no instance ever exists without an owner.
    private func ensureFinalizer(_ nodeClaim: JSONValue) async throws -> Step {
        let finalizers = writes.finalizers(of: nodeClaim)
        guard !finalizers.contains(KarpenterNames.terminationFinalizer) else { return .next(nodeClaim) }
        return .next(try await writes.setFinalizers(.nodeClaims, nodeClaim, finalizers + [KarpenterNames.terminationFinalizer]))
    }

    static func conditions(of nodeClaim: JSONValue) -> ConditionSet {
        let typed = nodeClaim.typed(NodeClaim.self)
        return ConditionSet(typed?.status?.conditions, generation: typed?.metadata.generation)
    }

    static func nodePool(of nodeClaim: JSONValue) -> String {
        nodeClaim.labels[WellKnownLabel.nodePool] ?? ""
    }

    static func providerID(of nodeClaim: JSONValue) -> String? {
        nodeClaim["status"]?["providerID"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
    }

    func node(withProviderID providerID: String) async -> JSONValue? {
        await informers.nodes.items().first { $0["spec"]?["providerID"]?.stringValue == providerID }
    }
}
