import KarpenterAPI
import KubeClient

extension ControllerRuntime {
    /// Informer events become work: provisionable pods and vanished NodeClaims start a batch,
    /// NodeClaim and Node changes queue the NodeClaim, pool and class changes refresh statuses.
    func installHandlers() async {
        let batcher = self.batcher
        let queue = self.queue
        let statusTrigger = self.statusTrigger
        let informers = self.informers
        let state = self.state
        let termination = self.termination
        let podEvents = self.podEvents
        await informers.pods.addHandler { event in
            await termination.podChanged(event)
            await podEvents.record(event)
            guard case .deleted = event else {
                if ProvisionablePod.isProvisionable(event.object) { await batcher.trigger(event.object.uid) }
                return
            }
        }
        await informers.nodeClaims.addHandler { event in
            await state.informerSaw(event.object.name)
            await queue.add(event.object.name)
            await statusTrigger.trigger("nodeclaim/\(event.object.name)/\(event.object.resourceVersion ?? "")")
            if case .deleted = event { await batcher.trigger("nodeclaim-deleted/\(event.object.uid)") }
        }
        await informers.nodes.addHandler { event in
            await termination.nodeChanged(event.object)
            guard let providerID = event.object["spec"]?["providerID"]?.stringValue, !providerID.isEmpty else { return }
            let owner = await informers.nodeClaims.items().first { $0["status"]?["providerID"]?.stringValue == providerID }
            if let owner { await queue.add(owner.name) }
        }
        for informer in [informers.nodePools, informers.nodeClasses] {
            await informer.addHandler { event in
                await statusTrigger.trigger("\(event.object["kind"]?.stringValue ?? "")/\(event.object.name)/\(event.object.resourceVersion ?? "")")
            }
        }
    }
}
