import Foundation
import KarpenterAPI
import KarpenterScheduling
import KubeClient
import Logging

/// A minimal kube-scheduler for the embedded mode: places each pending pod of its scheduler
/// name on a Ready node that passes its filters (`PlacementFilter`) and binds it through
/// `pods/binding`; a pod that fits nowhere gets `PodScheduled=False` with reason
/// `Unschedulable` and kube-scheduler's message, which is what makes it provisionable for
/// Karpenter. Pods are taken by priority, then oldest first; every node or pod change
/// (and `resyncInterval`) looks again. No topology spread, pod affinity or preemption.
public actor Binder {
    public struct Options: Sendable {
        public var schedulerName: String
        public var resyncInterval: Duration

        public init(schedulerName: String = SimulatedCloud.defaultSchedulerName, resyncInterval: Duration = .seconds(5)) {
            self.schedulerName = schedulerName
            self.resyncInterval = resyncInterval
        }
    }

    /// A binding made but not yet seen in the cache.
    private struct Assumed {
        let node: String
        let requests: ResourceVector
    }

    private let client: KubernetesClient
    private let options: Options
    private let logger: Logger
    private let loop = WatchLoop()
    private var assumed: [String: Assumed] = [:]

    public init(client: KubernetesClient, options: Options = Options(), logger: Logger = Logger(label: "karpenter.simulated-binder")) {
        self.client = client
        self.options = options
        self.logger = logger
    }

    /// Starts watching; returns once the caches are filled. Idempotent.
    public func start() async {
        await loop.start(client: client, tick: options.resyncInterval, logger: logger) { watch in
            await self.scheduleOnce(nodes: Array(await watch.nodes.values), pods: Array(await watch.pods.values))
        }
    }

    public func stop() async {
        await loop.stop()
    }

    private func scheduleOnce(nodes: [ClusterWatch.NodeEntry], pods: [ClusterWatch.PodEntry]) async {
        let nodes = nodes.sorted { $0.name < $1.name }
        var used = usage(pods: pods)
        for entry in pending(pods) {
            let requests = PodRequests.of(entry.pod)
            var best: (node: String, score: Double)?
            var reasons: [[String]] = []
            for node in nodes {
                let nodeUsed = used[node.name] ?? .zero
                let failures = PlacementFilter.reasons(pod: entry.pod, requests: requests, node: node.node, used: nodeUsed)
                if failures.isEmpty {
                    let score = PlacementFilter.score(requests: requests, node: node.node, used: nodeUsed)
                    if best.map({ score > $0.score }) ?? true { best = (node.name, score) }
                } else {
                    reasons.append(failures)
                }
            }
            if let best {
                if await bind(entry, to: best.node) {
                    assumed[entry.uid] = Assumed(node: best.node, requests: requests)
                    used[best.node, default: .zero] = used[best.node, default: .zero] + requests
                }
            } else {
                await markUnschedulable(entry, message: PlacementFilter.message(nodeCount: nodes.count, reasons: reasons))
            }
        }
    }

    /// Requests of the pods on each node, bindings not yet in the cache included.
    private func usage(pods: [ClusterWatch.PodEntry]) -> [String: ResourceVector] {
        var used: [String: ResourceVector] = [:]
        var present = Set<String>()
        for entry in pods {
            present.insert(entry.uid)
            guard let node = entry.pod.spec.nodeName, !node.isEmpty else { continue }
            assumed[entry.uid] = nil
            if !PodEligibility.isTerminal(entry.pod) { used[node, default: .zero] = used[node, default: .zero] + PodRequests.of(entry.pod) }
        }
        assumed = assumed.filter { present.contains($0.key) }
        for binding in assumed.values { used[binding.node, default: .zero] = used[binding.node, default: .zero] + binding.requests }
        return used
    }

    /// Unbound, live, ungated pods of this scheduler: highest priority first, then oldest.
    private func pending(_ pods: [ClusterWatch.PodEntry]) -> [ClusterWatch.PodEntry] {
        pods.filter { entry in
            (entry.pod.spec.nodeName ?? "").isEmpty && !entry.pod.metadata.isDeleting && !PodEligibility.isTerminal(entry.pod)
                && (entry.pod.spec.schedulerName ?? SimulatedCloud.defaultSchedulerName) == options.schedulerName
                && (entry.raw["spec"]?["schedulingGates"]?.arrayValue ?? []).isEmpty
                && assumed[entry.uid] == nil
        }.sorted { lhs, rhs in
            let left = lhs.pod.spec.priority ?? 0, right = rhs.pod.spec.priority ?? 0
            if left != right { return left > right }
            let leftTime = lhs.pod.metadata.creationTimestamp ?? "", rightTime = rhs.pod.metadata.creationTimestamp ?? ""
            if leftTime != rightTime { return leftTime < rightTime }
            return lhs.key < rhs.key
        }
    }

    private func bind(_ entry: ClusterWatch.PodEntry, to node: String) async -> Bool {
        do {
            try await client.bind(pod: entry.key.name, namespace: entry.key.namespace ?? "default", toNode: node)
            logger.debug("bound pod", metadata: ["pod": .string(entry.key.description), "node": .string(node)])
            return true
        } catch {
            logger.warning("binding failed", metadata: ["pod": .string(entry.key.description), "node": .string(node),
                                                        "error": .string("\(error)")])
            return false
        }
    }

    /// Writes the condition only when it changes, so the pod's own update does not loop.
    private func markUnschedulable(_ entry: ClusterWatch.PodEntry, message: String) async {
        let current = entry.pod.status?.condition("PodScheduled")
        if current?.status == "False" && current?.reason == "Unschedulable" && current?.message == message { return }
        let patch: JSONValue = .object(["status": .object(["conditions": .array([.object([
            "type": .string("PodScheduled"), "status": .string("False"), "reason": .string("Unschedulable"),
            "message": .string(message), "lastProbeTime": .null, "lastTransitionTime": .string(Timestamps.seconds()),
        ])])])])
        do {
            _ = try await client.patch(.pods, name: entry.key.name, namespace: entry.key.namespace, .strategic(patch), subresource: "status")
        } catch {
            logger.warning("marking pod unschedulable failed", metadata: ["pod": .string(entry.key.description), "error": .string("\(error)")])
        }
    }
}
