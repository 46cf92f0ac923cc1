import Foundation
import KarpenterAPI
import KarpenterCloud
import KubeClient
import Logging

/// The whole controller in one object: informers on every replica, and while this replica
/// leads the provisioner, the NodeClaim lifecycle, garbage collection and status; plus
/// `/metrics`, `/healthz` and `/readyz`.
///
/// ```swift
/// let controller = ControllerRuntime(client: client, cloudProvider: cloud,
///                                    instanceTypes: .fixed(types, description: "test"),
///                                    options: ControllerOptions(metricsPort: nil, healthPort: nil))
/// let task = Task { await controller.run() }   // until cancelled
/// ...
/// task.cancel(); await task.value
/// ```
public final class ControllerRuntime: Sendable {
    public let client: KubernetesClient
    public let cloudProvider: any CloudProvider
    public let options: ControllerOptions
    public let metrics: ControllerMetrics
    /// Offerings that recently failed for lack of capacity; the scheduler skips them.
    public let unavailableOfferings: UnavailableOfferings
    public let informers: ClusterInformers
    let leadership: any Leadership
    let logger: Logger
    let state: ClusterState
    let batcher: Batcher
    let statusTrigger: Batcher
    let queue = WorkQueue()
    let events: EventRecorder
    let provisioner: Provisioner
    let reconciler: NodeClaimReconciler
    let collector: GarbageCollector
    let nodePoolStatus: NodePoolStatusReconciler
    let nodeClassStatus: NodeClassStatusReconciler
    /// Drains and terminates deleted Nodes (DISRUPTION.md §11).
    let termination: NodeTerminationController
    /// Emptiness, drift and consolidation (DISRUPTION.md §2-§10).
    let disruption: DisruptionController
    let podEvents: PodEventTracker
    let servers = ServerPorts()

    /// - Parameters:
    ///   - leadership: who may act; nil = `AlwaysLeading` (pass a `LeaderElector` with several replicas).
    public init(client: KubernetesClient, cloudProvider: any CloudProvider, instanceTypes: CloudInstanceTypes,
                options: ControllerOptions = ControllerOptions(), leadership: (any Leadership)? = nil,
                unavailableOfferings: UnavailableOfferings = UnavailableOfferings(),
                metrics: ControllerMetrics = ControllerMetrics(), logger: Logger = Logger(label: "controller")) {
        self.client = client
        self.cloudProvider = cloudProvider
        self.options = options
        self.metrics = metrics
        self.unavailableOfferings = unavailableOfferings
        self.leadership = leadership ?? AlwaysLeading()
        self.logger = logger
        let informers = ClusterInformers(client: client)
        let state = ClusterState(informers: informers, nominationWindow: max(2 * options.batchMaxDuration.seconds, 10))
        let batcher = Batcher(idle: options.batchIdleDuration, maximum: options.batchMaxDuration)
        let events = EventRecorder(client: client, logger: logger)
        let writes = ObjectWrites(client: client)
        self.informers = informers
        self.state = state
        self.batcher = batcher
        self.events = events
        statusTrigger = Batcher(idle: .milliseconds(200), maximum: .seconds(2))
        provisioner = Provisioner(client: client, state: state, batcher: batcher, instanceTypes: instanceTypes,
                                  unavailable: unavailableOfferings, events: events, metrics: metrics,
                                  logger: logger.labelled("controller.provisioner"))
        reconciler = NodeClaimReconciler(informers: informers, writes: writes,
                                         cloud: CloudCalls(provider: cloudProvider, metrics: metrics, controller: "nodeclaim.lifecycle"),
                                         instanceTypes: instanceTypes, unavailable: unavailableOfferings, events: events,
                                         metrics: metrics, options: options, logger: logger.labelled("controller.nodeclaim.lifecycle"),
                                         reprovision: { await batcher.trigger($0) })
        collector = GarbageCollector(informers: informers, state: state,
                                     cloud: CloudCalls(provider: cloudProvider, metrics: metrics, controller: "nodeclaim.garbagecollection"),
                                     writes: writes, events: events, options: options,
                                     logger: logger.labelled("controller.nodeclaim.garbagecollection"))
        nodePoolStatus = NodePoolStatusReconciler(informers: informers, writes: writes, nodeClassKind: instanceTypes.nodeClassKind,
                                                  logger: logger.labelled("controller.nodepool.status"))
        nodeClassStatus = NodeClassStatusReconciler(client: client, informers: informers, writes: writes,
                                                    logger: logger.labelled("controller.nodeclass.status"), cloudProvider: cloudProvider)
        termination = NodeTerminationController(client: client, informers: informers, cloudProvider: cloudProvider, events: events,
                                                metrics: metrics, options: options, logger: logger.labelled("controller.node.termination"))
        podEvents = PodEventTracker(informers: informers, writes: writes)
        metrics.registerDisruptionMetrics()
        let disruptionLogger = logger.labelled("controller.disruption")
        disruption = DisruptionController(
            client: client, state: state, informers: informers, instanceTypes: instanceTypes, unavailable: unavailableOfferings,
            events: events,
            orchestrator: DisruptionOrchestrator(client: client, informers: informers, writes: writes, events: events,
                                                 settings: options.disruption, logger: disruptionLogger),
            conditions: DisruptionConditionsReconciler(informers: informers, writes: writes, instanceTypes: instanceTypes,
                                                       cloudProvider: cloudProvider, logger: disruptionLogger),
            marker: ConsolidationMarker(), settings: options.disruption, metrics: metrics, logger: disruptionLogger)
    }

    /// Runs until the calling task is cancelled, then stops everything it started.
    public func run() async {
        await installHandlers()
        await informers.start()
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.serveProbes() }
            group.addTask {
                // Polled rather than awaited: a cancellation must never leave this waiting.
                while !Task.isCancelled, !(await self.informers.hasSynced()) {
                    try? await Task.sleep(for: .milliseconds(50))
                }
                guard !Task.isCancelled else { return }
                self.logger.info("caches synced; waiting for leadership")
                await self.leadership.run { await self.lead() }
            }
            await group.waitForAll()
        }
        await informers.stop()
        await servers.closeAll()
        logger.info("controller stopped")
    }

    /// The ports the probe servers listen on (useful with port 0).
    public func boundPorts() async -> (metrics: Int?, health: Int?) {
        await servers.ports()
    }

    public var isReady: Bool {
        get async { await informers.hasSynced() }
    }

    /// The loops only the leader runs; they end when leadership does (cancellation).
    func lead() async {
        logger.info("leading: starting provisioning and lifecycle")
        metrics.leading("karpenter-leader-election", true)
        defer { metrics.leading("karpenter-leader-election", false) }
        await podEvents.setActive(true)
        await queue.restart()
        for nodeClaim in await informers.nodeClaims.items() { await queue.add(nodeClaim.name) }
        for pod in await informers.pods.items() where ProvisionablePod.isProvisionable(pod) { await batcher.trigger(pod.uid) }
        await statusTrigger.trigger("start")
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.provisioner.run() }
            for _ in 0..<max(1, options.workers) {
                group.addTask { await self.work() }
            }
            group.addTask { await self.collector.run() }
            group.addTask { await self.termination.run() }
            group.addTask { await self.disruption.run() }
            group.addTask { await self.refreshStatuses() }
            group.addTask { await self.recheckPendingPods() }
            group.addTask {
                await Self.waitUntilCancelled()
                await self.queue.shutdown()
            }
            await group.waitForAll()
        }
        await podEvents.setActive(false)
        logger.info("no longer leading: provisioning and lifecycle stopped")
    }

    private func work() async {
        while let name = await queue.next() {
            let again = await reconciler.reconcile(name)
            await queue.done(name)
            if let again { queue.add(name, after: again) }
        }
    }

    private func refreshStatuses() async {
        while await statusTrigger.nextBatch() {
            await nodeClassStatus.reconcileAll()
            await nodePoolStatus.reconcileAll()
        }
    }

    /// Upstream re-looks at provisionable pods every 10 s while they stay pending.
    private func recheckPendingPods() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: options.pendingPodRecheck)
            if Task.isCancelled { return }
            let pending = await informers.pods.items().filter(ProvisionablePod.isProvisionable)
            for pod in pending { await batcher.trigger("\(pod.uid)@\(ContinuousClock.now)") }
            await statusTrigger.trigger("periodic-\(ContinuousClock.now)")
        }
    }

    static func waitUntilCancelled() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: .seconds(3600))
        }
    }
}

extension Logger {
    func labelled(_ label: String) -> Logger {
        var logger = Logger(label: label)
        logger.logLevel = logLevel
        return logger
    }
}
