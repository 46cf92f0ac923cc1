import Foundation
import KarpenterAPI
import KarpenterCloud
import KubeClient
import Logging

/// Deletes instances no NodeClaim owns (CLOUD.md §7): older than the minimum age, with a
/// provider ID no NodeClaim status names and no NodeClaim of the name they are tagged with;
/// their Node goes with them. And the other way round (DISRUPTION.md §12): a registered
/// NodeClaim whose instance the cloud no longer lists, with its Node gone or not Ready, is deleted.
struct GarbageCollector: Sendable {
    let informers: ClusterInformers
    let state: ClusterState
    let cloud: CloudCalls
    let writes: ObjectWrites
    let events: EventRecorder
    let options: ControllerOptions
    let logger: Logger

    func run() async {
        while !Task.isCancelled {
            await collectOnce()
            try? await Task.sleep(for: options.garbageCollectionInterval)
        }
    }

    func collectOnce() async {
        let instances: [CloudInstance]
        do {
            instances = try await cloud.list()
        } catch {
            logger.error("listing instances for garbage collection failed", metadata: ["error": "\(error)"])
            return
        }
        let claims = await state.nodeClaims()
        await collectNodeClaims(claims, listed: Set(instances.map(\.providerID)))
        let ownedIDs = Set(claims.compactMap { $0["status"]?["providerID"]?.stringValue })
        let claimNames = Set(claims.map(\.name))
        let now = Date()
        for instance in instances where instance.state != .deleting && !ownedIDs.contains(instance.providerID) {
            if let owner = instance.nodeClaimName, claimNames.contains(owner) { continue }
            let created = instance.createdAt ?? now
            guard now.timeIntervalSince(created) >= options.orphanMinimumAge.seconds else { continue }
            do {
                try await cloud.delete(providerID: instance.providerID)
            } catch {
                if case .notFound = error {} else {
                    logger.error("garbage collecting instance failed", metadata: ["provider-id": "\(instance.providerID)", "error": "\(error)"])
                    continue
                }
            }
            logger.info("garbage collected instance without a nodeclaim", metadata: ["provider-id": "\(instance.providerID)"])
            for node in await informers.nodes.items() where node["spec"]?["providerID"]?.stringValue == instance.providerID {
                let finalizers = writes.finalizers(of: node)
                if finalizers.contains(KarpenterNames.terminationFinalizer) {
                    _ = try? await writes.setFinalizers(.nodes, node, finalizers.filter { $0 != KarpenterNames.terminationFinalizer })
                }
                try? await writes.delete(.nodes, node)
            }
        }
    }

    private func collectNodeClaims(_ claims: [JSONValue], listed: Set<String>) async {
        for claim in claims where !claim.isDeleting && NodeClaimReconciler.conditions(of: claim).isTrue(ConditionType.registered) {
            guard let providerID = NodeClaimReconciler.providerID(of: claim), !listed.contains(providerID) else { continue }
            let node = await informers.nodes.items().first { $0["spec"]?["providerID"]?.stringValue == providerID }
            let nodeReady = node?["status"]?["conditions"]?.arrayValue?.contains {
                $0["type"]?.stringValue == "Ready" && $0["status"]?.stringValue == "True"
            } ?? false
            guard !nodeReady else { continue }
            logger.info("garbage collecting nodeclaim whose instance is gone", metadata: ["NodeClaim": "\(claim.name)", "provider-id": "\(providerID)"])
            await events.record(claim, warning: true, reason: EventRecorder.Reason.garbageCollected,
                                message: "Instance \(providerID) no longer exists; deleting the NodeClaim")
            try? await writes.delete(.nodeClaims, claim)
        }
    }
}
