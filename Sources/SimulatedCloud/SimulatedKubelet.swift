import Foundation
import KarpenterAPI
import KubeClient
import Logging

/// The kubelets of every simulated node (provider ID `simulated://`), played from the cluster's
/// state as KWOK does: each node turns Ready after `readyDelay`, renews its heartbeat Lease in
/// `kube-node-lease`, runs the pods bound to it (Running, Ready, a pod IP) and finishes the
/// deletion of its terminating pods after their grace period. When a simulated Node is deleted,
/// its pods are force-deleted, as the pod garbage collector does.
public actor SimulatedKubelet {
    public struct Options: Sendable {
        /// From first seeing a Node to reporting it Ready.
        public var readyDelay: Duration
        public var heartbeatInterval: Duration
        public var leaseDurationSeconds: Int
        /// From seeing a pod bound to reporting it Running.
        public var podStartDelay: Duration
        /// Multiplies pods' termination grace periods: 0 deletes terminating pods at once.
        public var gracePeriodScale: Double
        /// How often state is looked at again without a change (timers' resolution).
        public var tick: Duration

        public init(readyDelay: Duration = .seconds(1), heartbeatInterval: Duration = .seconds(10),
                    leaseDurationSeconds: Int = 40, podStartDelay: Duration = .zero, gracePeriodScale: Double = 1,
                    tick: Duration = .milliseconds(200)) {
            self.readyDelay = readyDelay
            self.heartbeatInterval = heartbeatInterval
            self.leaseDurationSeconds = leaseDurationSeconds
            self.podStartDelay = podStartDelay
            self.gracePeriodScale = gracePeriodScale
            self.tick = tick
        }
    }

    let client: KubernetesClient
    let options: Options
    let logger: Logger
    private let loop = WatchLoop()
    var state = KubeletState()

    public init(client: KubernetesClient, options: Options = Options(),
                logger: Logger = Logger(label: "karpenter.simulated-kubelet")) {
        self.client = client
        self.options = options
        self.logger = logger
    }

    /// Starts watching; returns once the caches are filled. Idempotent.
    public func start() async {
        await loop.start(client: client, tick: options.tick, logger: logger) { watch in
            await self.reconcile(watch)
        }
    }

    public func stop() async {
        await loop.stop()
    }

    private func reconcile(_ watch: ClusterWatch) async {
        let nodes = await watch.nodes
        let pods = await watch.pods
        let actions = plan(nodes: nodes, pods: pods, now: .now)
        guard !actions.isEmpty else { return }
        // Failed actions are forgotten and planned again on a later tick.
        record(await perform(actions))
    }

    private func perform(_ actions: [KubeletAction]) async -> [KubeletOutcome] {
        let client = client
        let options = options
        let logger = logger
        return await withTaskGroup(of: KubeletOutcome.self) { group in
            for action in actions {
                group.addTask { await action.perform(client: client, options: options, logger: logger) }
            }
            var outcomes: [KubeletOutcome] = []
            for await outcome in group { outcomes.append(outcome) }
            return outcomes
        }
    }
}
