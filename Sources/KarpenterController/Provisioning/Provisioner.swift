import Foundation
import KarpenterAPI
import KarpenterCloud
import KarpenterScheduling
import KubeClient
import Logging

/// Turns batches of provisionable pods into NodeClaims: snapshot, solve, create, and tell the
/// pods (SCHEDULING.md §2, §5.4, §11). Every decision is the scheduler's.
struct Provisioner: Sendable {
    let client: KubernetesClient
    let state: ClusterState
    let batcher: Batcher
    let instanceTypes: CloudInstanceTypes
    let unavailable: UnavailableOfferings
    let events: EventRecorder
    let metrics: ControllerMetrics
    let logger: Logger

    /// Runs batches until cancelled.
    func run() async {
        while await batcher.nextBatch() {
            await provisionOnce()
        }
    }

    /// One pass over every provisionable pod in the cluster.
    func provisionOnce() async {
        let objects = await state.objects()
        let builder = SnapshotBuilder(source: instanceTypes.source(applying: unavailable))
        let build = builder.build(objects)
        let pending = build.snapshot.pendingPods
        guard !pending.isEmpty else {
            metrics.provisioningPass(pending: 0, unschedulable: 0, seconds: 0)
            return
        }
        logger.info("found provisionable pod(s)", metadata: ["pods": "\(pending.count)"])
        let started = ContinuousClock.now
        let result = Scheduler.solve(build.snapshot)
        let elapsed = (ContinuousClock.now - started).seconds
        metrics.provisioningPass(pending: pending.count, unschedulable: result.unschedulable.count, seconds: elapsed)

        await state.nominate(result.existingPlacements.values)
        let pods = Dictionary(objects.pods.map { ("\($0.namespace ?? "default")/\($0.name)", $0) }) { first, _ in first }
        if !result.nodeClaims.isEmpty {
            logger.info("computed new nodeclaim(s) to fit pod(s)",
                        metadata: ["nodeclaims": "\(result.nodeClaims.count)", "pods": "\(result.nodeClaims.reduce(0) { $0 + $1.pods.count })"])
        }
        let nodePools = Dictionary(build.snapshot.nodePools.map { ($0.metadata.name ?? "", $0) }) { first, _ in first }
        let templateHashes = Dictionary(objects.nodePools.map { ($0.name, TemplateHash.nodePool($0)) }) { first, _ in first }
        // NodeClaims first, several at once: pod events must not hold up capacity.
        var podEvents: [PodEvent] = []
        await withTaskGroup(of: [PodEvent].self) { group in
            var running = 0
            for plan in result.nodeClaims {
                guard let nodePool = nodePools[plan.nodePool] else { continue }
                if running >= Self.parallelCreates, let finished = await group.next() {
                    podEvents += finished
                    running -= 1
                }
                let types = build.snapshot.instanceTypes[plan.nodePool] ?? []
                let hash = templateHashes[plan.nodePool] ?? ""
                group.addTask { await self.create(plan, nodePool: nodePool, templateHash: hash, instanceTypes: types, pods: pods) }
                running += 1
            }
            for await finished in group { podEvents += finished }
        }
        for (podKey, target) in result.existingPlacements.sorted(by: { $0.key < $1.key }) {
            guard let pod = pods[podKey] else { continue }
            podEvents.append(PodEvent(pod: pod, warning: false, reason: EventRecorder.Reason.nominated,
                                      message: "Pod should schedule on: \(nominee(target, objects: objects))"))
        }
        for failure in result.unschedulable {
            logger.error("could not schedule pod", metadata: ["Pod": "\(failure.pod)", "error": "\(failure.reason)"])
            guard let pod = pods[failure.pod] else { continue }
            podEvents.append(PodEvent(pod: pod, warning: true, reason: EventRecorder.Reason.failedScheduling,
                                      message: "Failed to schedule pod, \(failure.reason)"))
        }
        // Events go out in the background, as client-go's event broadcaster sends them.
        let events = self.events
        Task {
            for event in podEvents {
                await events.record(event.pod, warning: event.warning, reason: event.reason, message: event.message)
            }
        }
    }

    static let parallelCreates = 8

    struct PodEvent: Sendable {
        var pod: JSONValue
        var warning: Bool
        var reason: String
        var message: String
    }

    /// Creates one NodeClaim; returns the Nominated events for its pods.
    private func create(_ plan: PlannedNodeClaim, nodePool: NodePool, templateHash: String, instanceTypes: [InstanceType],
                        pods: [String: JSONValue]) async -> [PodEvent] {
        let nodeClaim = NodeClaimFactory.nodeClaim(for: plan, nodePool: nodePool, templateHash: templateHash)
        let created: JSONValue
        do {
            created = try await client.create(.nodeClaims, JSONValue.of(nodeClaim))
        } catch {
            logger.error("could not create nodeclaim", metadata: ["NodePool": "\(plan.nodePool)", "error": "\(error)"])
            return []
        }
        let options = Set(plan.instanceTypes.map(\.name))
        let largest = instanceTypes.filter { options.contains($0.name) }.reduce(ResourceVector()) { $0.maximum($1.capacity) }
        await state.recordCreated(created, largestCapacity: largest.quantities.filter { !$0.value.isZero })
        await state.nominate([created.name])
        metrics.nodeClaimCreated(plan.nodePool)
        let shown = plan.instanceTypes.prefix(5).map(\.name).joined(separator: ", ")
        let others = plan.instanceTypes.count > 5 ? " and \(plan.instanceTypes.count - 5) other(s)" : ""
        logger.info("created nodeclaim", metadata: ["NodeClaim": "\(created.name)", "NodePool": "\(plan.nodePool)",
                                                    "requests": "\(plan.requests)", "instance-types": "\(shown)\(others)"])
        return plan.pods.compactMap { podKey in
            pods[podKey].map {
                PodEvent(pod: $0, warning: false, reason: EventRecorder.Reason.nominated,
                         message: "Pod should schedule on: nodeclaim/\(created.name)")
            }
        }
    }

    /// `nodeclaim/<nc>, node/<n>` or whichever of the two exists.
    private func nominee(_ target: String, objects: ClusterObjects) -> String {
        if objects.nodes.contains(where: { $0.name == target }) {
            let claim = objects.nodeClaims.first { $0["status"]?["nodeName"]?.stringValue == target }
            return claim.map { "nodeclaim/\($0.name), node/\(target)" } ?? "node/\(target)"
        }
        return "nodeclaim/\(target)"
    }
}

/// Which pods start a batch (SCHEDULING.md §1): marked Unschedulable by kube-scheduler,
/// unbound, not nominated, not a DaemonSet's or a static pod.
enum ProvisionablePod {
    static func isProvisionable(_ pod: JSONValue) -> Bool {
        if pod.isDeleting { return false }
        if let node = pod["spec"]?["nodeName"]?.stringValue, !node.isEmpty { return false }
        if let nominated = pod["status"]?["nominatedNodeName"]?.stringValue, !nominated.isEmpty { return false }
        for owner in pod["metadata"]?["ownerReferences"]?.arrayValue ?? [] {
            let kind = owner["kind"]?.stringValue
            if kind == "DaemonSet" || kind == "Node" { return false }
        }
        let conditions = pod["status"]?["conditions"]?.arrayValue ?? []
        return conditions.contains {
            $0["type"]?.stringValue == "PodScheduled" && $0["status"]?.stringValue == "False"
                && $0["reason"]?.stringValue == "Unschedulable"
        }
    }
}
