import Foundation
import KarpenterAPI
import KarpenterCloud
import KarpenterScheduling
import KubeClient
import Logging

/// Terminates Nodes that carry `karpenter.sh/termination` and a deletionTimestamp
/// (DISRUPTION.md §11, "Node deletion"): makes sure the NodeClaim is deleting, taints the node
/// `karpenter.sh/disrupted:NoSchedule`, drains it (`DrainPlan`, evictions through
/// `EvictionQueue`, forced deletions once the terminationGracePeriod runs out), waits the
/// minimum drain time, terminates the instance and only then releases the finalizer.
/// Runs while this replica leads; Node and pod events queue the node, and a node still
/// draining is looked at again every `drainPollInterval`.
final class NodeTerminationController: Sendable {
    let client: KubernetesClient
    let informers: ClusterInformers
    let writes: ObjectWrites
    let cloud: CloudCalls
    let events: EventRecorder
    let metrics: ControllerMetrics
    let options: ControllerOptions
    let logger: Logger
    let queue = WorkQueue()
    let evictions: EvictionQueue
    private let memory = TerminationMemory()

    init(client: KubernetesClient, informers: ClusterInformers, cloudProvider: any CloudProvider, events: EventRecorder,
         metrics: ControllerMetrics, options: ControllerOptions, logger: Logger) {
        self.client = client
        self.informers = informers
        self.writes = ObjectWrites(client: client)
        self.cloud = CloudCalls(provider: cloudProvider, metrics: metrics, controller: "node.termination")
        self.events = events
        self.metrics = metrics
        self.options = options
        self.logger = logger
        evictions = EvictionQueue(client: client, informers: informers, events: events, metrics: metrics,
                                  logger: logger, baseDelay: options.evictionBaseDelay, maxDelay: options.evictionMaxDelay)
        metrics.registerTerminationMetrics()
    }

    // MARK: Running

    /// Works terminating nodes until cancelled (while this replica leads).
    func run() async {
        await queue.restart()
        for node in await informers.nodes.items() where Self.isTerminating(node) { await queue.add(node.name) }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.evictions.run() }
            for _ in 0..<max(1, options.workers) {
                group.addTask { await self.work() }
            }
            group.addTask {
                await ControllerRuntime.waitUntilCancelled()
                await self.queue.shutdown()
            }
            await group.waitForAll()
        }
    }

    private func work() async {
        while let name = await queue.next() {
            let again = await reconcile(name)
            await queue.done(name)
            if let again { queue.add(name, after: again) }
        }
    }

    /// A Node event: terminating nodes are queued.
    func nodeChanged(_ node: JSONValue) async {
        if Self.isTerminating(node) { await queue.add(node.name) }
    }

    /// A pod event: a pod leaving a terminating node lets its drain move on at once.
    func podChanged(_ event: InformerEvent) async {
        let pod = event.object
        let deleted: Bool
        if case .deleted = event { deleted = true } else { deleted = false }
        guard let nodeName = pod["spec"]?["nodeName"]?.stringValue, !nodeName.isEmpty else { return }
        let phase = pod["status"]?["phase"]?.stringValue
        guard deleted || pod.isDeleting || phase == "Succeeded" || phase == "Failed" else { return }
        guard let node = await informers.nodes.get(ObjectKey(namespace: nil, name: nodeName)), Self.isTerminating(node) else { return }
        await queue.add(nodeName)
    }

    static func isTerminating(_ node: JSONValue) -> Bool {
        node.isDeleting && (node["metadata"]?["finalizers"]?.arrayValue ?? []).contains(.string(KarpenterNames.terminationFinalizer))
    }

    // MARK: Reconciling

    /// - Returns: when to look at the node again; nil when only a change should.
    func reconcile(_ name: String) async -> Duration? {
        do {
            let node = try await client.get(.nodes, name: name)
            guard Self.isTerminating(node) else {
                await memory.forget(node.uid)
                return nil
            }
            return try await terminate(node)
        } catch let error as KubeClientError where error.status?.isConflict == true {
            return .milliseconds(100)
        } catch let error as KubeClientError where error.status?.isNotFound == true {
            return nil
        } catch {
            logger.error("terminating node failed", metadata: ["Node": "\(name)", "error": "\(error)"])
            return .seconds(5)
        }
    }

    private func terminate(_ node: JSONValue) async throws -> Duration? {
        let providerID = node["spec"]?["providerID"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        // 1. The NodeClaim goes with its node.
        let nodeClaim = try await ensureNodeClaimDeleting(await owner(of: providerID), node: node)

        // 2. A node that is not Ready and whose instance is gone has nothing left to drain.
        if !Self.isReady(node), let providerID, await instanceGone(providerID) {
            logger.info("instance already terminated, releasing node", metadata: ["Node": "\(node.name)", "provider-id": "\(providerID)"])
            try await release(node)
            return nil
        }

        // 3. No new pods, no new load balancer traffic.
        let tainted = try await taint(node)

        // 4. Drain.
        if let delay = try await drain(tainted, nodeClaim: nodeClaim) { return delay }

        // 5. Volumes (VolumeAttachments are not watched: nothing to wait for).
        if let claim = nodeClaim {
            try await setCondition(claim.name, ConditionType.volumesDetached, .true, reason: "VolumesDetached")
        }

        // 6. The instance.
        if let providerID {
            switch await deleteInstance(providerID, node: node) {
            case .gone:
                break
            case .terminating:
                if let claim = nodeClaim {
                    try await setCondition(claim.name, ConditionType.instanceTerminating, .true, reason: "InstanceTerminating")
                }
                return options.instanceTerminationPollInterval
            case .failed:
                return .seconds(5)
            }
        }

        // 7. Done.
        try await release(tainted)
        return nil
    }

    /// Deletes the NodeClaim unless it is deleting already. - Returns: its current state.
    private func ensureNodeClaimDeleting(_ nodeClaim: JSONValue?, node: JSONValue) async throws -> JSONValue? {
        guard let claim = nodeClaim, !claim.isDeleting else { return nodeClaim }
        logger.info("deleting nodeclaim of a deleted node", metadata: ["Node": "\(node.name)", "NodeClaim": "\(claim.name)"])
        try await writes.delete(.nodeClaims, claim)
        return try? await client.get(.nodeClaims, name: claim.name)
    }

    private enum InstanceDeletion { case gone, terminating, failed }

    private func deleteInstance(_ providerID: String, node: JSONValue) async -> InstanceDeletion {
        do {
            try await cloud.delete(providerID: providerID)
        } catch {
            if case .notFound = error { return .gone }
            logger.error("terminating instance failed", metadata: ["Node": "\(node.name)", "error": "\(error)"])
            return .failed
        }
        logger.info("terminating instance", metadata: ["Node": "\(node.name)", "provider-id": "\(providerID)"])
        return .terminating
    }

    /// The NodeClaim whose status names `providerID`.
    private func owner(of providerID: String?) async -> JSONValue? {
        guard let providerID else { return nil }
        guard let cached = await informers.nodeClaims.items().first(where: { $0["status"]?["providerID"]?.stringValue == providerID }) else {
            return nil
        }
        // The cache may not show the deletion yet; the deadline depends on it.
        return (try? await client.get(.nodeClaims, name: cached.name)) ?? cached
    }

    static func isReady(_ node: JSONValue) -> Bool {
        node["status"]?["conditions"]?.arrayValue?.contains {
            $0["type"]?.stringValue == "Ready" && $0["status"]?.stringValue == "True"
        } ?? false
    }

    private func instanceGone(_ providerID: String) async -> Bool {
        do {
            _ = try await cloud.get(providerID: providerID)
            return false
        } catch {
            if case .notFound = error { return true }
            return false
        }
    }

    /// `karpenter.sh/disrupted:NoSchedule` (replacing the key's taint of another effect) and
    /// `node.kubernetes.io/exclude-from-external-load-balancers=karpenter`.
    private func taint(_ node: JSONValue) async throws -> JSONValue {
        let taints = node.typed(Node.self)?.spec.taints ?? []
        let disrupted = DrainPlan.disruptedTaint
        let labelled = node.labels[TerminationNames.excludeFromLoadBalancersLabel] != nil
        let tainted = DisruptionMarks.withDisruptedTaint(taints)
        if labelled && tainted == nil { return node }
        let updated = tainted ?? taints
        var metadata: [String: JSONValue] = [:]
        if !labelled {
            metadata["labels"] = .object([TerminationNames.excludeFromLoadBalancersLabel: .string(TerminationNames.excludeFromLoadBalancersValue)])
        }
        logger.info("tainted node", metadata: ["Node": "\(node.name)", "taint": "\(disrupted.key):\(disrupted.effect.rawValue)"])
        return try await writes.patch(.nodes, node, spec: ["taints": JSONValue.of(updated)], metadata: metadata)
    }

    /// One drain pass. - Returns: when to look again while pods remain, nil once drained.
    private func drain(_ node: JSONValue, nodeClaim: JSONValue?) async throws -> Duration? {
        if let claim = nodeClaim, NodeClaimReconciler.conditions(of: claim).isTrue(ConditionType.drained) { return nil }
        let now = Date()
        let deadline = nodeClaim.flatMap(TerminationDeadline.of)
        if let deadline {
            let message = "All pods will be deleted by \(Timestamps.string(deadline))"
            await events.record(node, warning: true, reason: TerminationNames.Reason.terminationGracePeriodExpiring, message: message)
            if let claim = nodeClaim {
                await events.record(claim, warning: true, reason: TerminationNames.Reason.terminationGracePeriodExpiring, message: message)
            }
        }
        let started = await memory.start(node.uid, at: now)
        if let claim = nodeClaim, NodeClaimReconciler.conditions(of: claim).conditions.condition(ConditionType.drained)?.reason != "Draining" {
            try await setCondition(claim.name, ConditionType.drained, .false, reason: "Draining", message: "Draining the node")
        }

        let pods = await informers.pods.items().filter { $0["spec"]?["nodeName"]?.stringValue == node.name }.compactMap { $0.typed(Pod.self) }
        let plan = DrainPlan.make(pods: pods, nodeTerminationTime: deadline, now: now)
        if let deadline {
            for deletion in plan.forceDelete {
                guard await memory.mayForce(deletion.pod.uid) else { continue }
                if await forceDelete(deletion, deadline: deadline, pods: pods) { await memory.forced(deletion.pod.uid) }
            }
        }
        let reason = Self.disruptionReason(nodeClaim)
        await evictions.enqueue(plan.evict.map { EvictionQueue.Request(pod: $0, node: node.name, reason: reason) })

        if !plan.isDrained {
            logger.debug("draining node", metadata: ["Node": "\(node.name)", "waiting": "\(plan.waiting.count)",
                                                     "group": "\(plan.group.map { "\($0)" } ?? "-")", "evicting": "\(plan.evict.count)",
                                                     "held": "\(plan.held.count)", "forced": "\(plan.forceDelete.count)"])
            await events.record(node, warning: true, reason: TerminationNames.Reason.failedDraining,
                                message: "Failed to drain node, \(plan.waiting.count) pods are waiting to be evicted")
            return options.drainPollInterval
        }
        let elapsed = Duration.milliseconds(Int64(now.timeIntervalSince(started) * 1000))
        if elapsed < options.minimumDrainTime {
            return min(options.minimumDrainTime - elapsed, options.drainPollInterval)
        }
        if let claim = nodeClaim {
            try await setCondition(claim.name, ConditionType.drained, .true, reason: "Drained")
        }
        logger.info("drained node", metadata: ["Node": "\(node.name)"])
        return nil
    }

    /// Deletes a pod past the node's deadline: a plain DELETE (no PDB, no do-not-disrupt) with
    /// what is left of the deadline as grace, guarded by the pod's UID.
    /// - Returns: whether the pod was deleted (or was gone already).
    private func forceDelete(_ deletion: DrainPlan.ForceDeletion, deadline: Date, pods: [Pod]) async -> Bool {
        let pod = deletion.pod
        do {
            _ = try await client.delete(.pods, name: pod.name, namespace: pod.namespace,
                                        options: DeleteOptions(gracePeriodSeconds: Int(deletion.gracePeriodSeconds), preconditionUID: pod.uid))
        } catch {
            if error.status?.isNotFound == true || error.status?.isConflict == true { return true }
            logger.error("deleting pod for the termination grace period failed", metadata: ["Pod": "\(pod)", "error": "\(error)"])
            return false
        }
        metrics.podForcefullyDeleted()
        let podGrace = pods.first { $0.metadata.uid == pod.uid }?.spec.terminationGracePeriodSeconds
        logger.info("deleted pod to meet the node's termination deadline",
                    metadata: ["Pod": "\(pod)", "grace-period-seconds": "\(deletion.gracePeriodSeconds)", "deadline": "\(Timestamps.string(deadline))"])
        let raw: JSONValue = .object([
            "apiVersion": .string("v1"), "kind": .string("Pod"),
            "metadata": .object(["name": .string(pod.name), "namespace": .string(pod.namespace), "uid": .string(pod.uid)]),
        ])
        let granted = podGrace.map { " of its \($0) seconds terminationGracePeriodSeconds" } ?? ""
        await events.record(raw, warning: true, reason: "Disrupted",
                            message: "Deleting the pod to accommodate the terminationTime \(Timestamps.string(deadline)) of the node. "
                                + "The pod was granted \(deletion.gracePeriodSeconds) seconds of grace-period\(granted). "
                                + "This bypasses the PDB of the pod and the do-not-disrupt annotation.")
        return true
    }

    /// `Evicted pod: <reason>`: the NodeClaim's disruption reason, else forceful termination.
    static func disruptionReason(_ nodeClaim: JSONValue?) -> String {
        guard let claim = nodeClaim,
              let condition = NodeClaimReconciler.conditions(of: claim).conditions.condition(ConditionType.disruptionReason),
              condition.isTrue, let reason = condition.reason, !reason.isEmpty else {
            return TerminationNames.forcefulTermination
        }
        return reason
    }

    /// Sets a NodeClaim condition on the API server's copy, when it changes.
    private func setCondition(_ name: String, _ type: String, _ status: ConditionStatus, reason: String, message: String? = nil) async throws {
        guard let current = try await nodeClaim(named: name) else { return }
        var conditions = NodeClaimReconciler.conditions(of: current)
        if let existing = conditions.conditions.condition(type), existing.status == status, existing.reason == reason { return }
        conditions.set(type, status, reason: reason, message: message)
        do {
            _ = try await writes.patchStatus(.nodeClaims, current, ["conditions": JSONValue.of(conditions.conditions)])
        } catch {
            if error.status?.isNotFound == true { return }
            throw error
        }
    }

    /// The API server's copy; nil when it is gone.
    private func nodeClaim(named name: String) async throws(KubeClientError) -> JSONValue? {
        do {
            return try await client.get(.nodeClaims, name: name)
        } catch {
            if error.status?.isNotFound == true { return nil }
            throw error
        }
    }

    /// Removes the termination finalizer: the API server deletes the Node.
    private func release(_ node: JSONValue) async throws {
        let finalizers = writes.finalizers(of: node)
        _ = try await writes.setFinalizers(.nodes, node, finalizers.filter { $0 != KarpenterNames.terminationFinalizer })
        await memory.forget(node.uid)
        let now = Date()
        let since = Timestamps.date(node["metadata"]?["deletionTimestamp"]?.stringValue).map { now.timeIntervalSince($0) }
        let lifetime = Timestamps.date(node["metadata"]?["creationTimestamp"]?.stringValue).map { now.timeIntervalSince($0) }
        metrics.nodeTerminated(nodePool: node.labels[WellKnownLabel.nodePool] ?? "", seconds: since, lifetime: lifetime)
        logger.info("deleted node", metadata: ["Node": "\(node.name)"])
    }
}

/// When each node's drain began (for the minimum drain time), and which pods were deleted
/// for the deadline already (a cache that lags must not have them deleted and counted twice).
actor TerminationMemory {
    private var started: [String: Date] = [:]
    private var forcedPods: [String: Date] = [:]

    func mayForce(_ uid: String) -> Bool {
        let now = Date()
        forcedPods = forcedPods.filter { now.timeIntervalSince($0.value) < 120 }
        return forcedPods[uid] == nil
    }

    func forced(_ uid: String) {
        forcedPods[uid] = Date()
    }

    /// The first time `uid` was drained; `now` when this is the first time.
    func start(_ uid: String, at now: Date) -> Date {
        if let earlier = started[uid] { return earlier }
        started[uid] = now
        return now
    }

    func forget(_ uid: String) {
        started[uid] = nil
    }
}
