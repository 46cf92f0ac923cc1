import Foundation
import KarpenterAPI
import KarpenterScheduling
import KubeClient
import Logging

/// Evicts pods through the Eviction API, one entry per pod, each retried with exponential
/// back-off (DISRUPTION.md §11 step 4): a pod gone, finished or terminating is done; an active
/// `do-not-disrupt` waits; 200 records `Evicted` on the pod; 404 and 409 (another pod of that
/// name) are done; 429 (a PodDisruptionBudget) and several budgets record `FailedDraining` on
/// the node and wait.
actor EvictionQueue {
    struct Request: Sendable {
        var pod: DrainPlan.PodRef
        var node: String
        /// `Evicted pod: <reason>`.
        var reason: String
    }

    enum Outcome: Sendable {
        case evicted
        case done
        case retry
    }

    private struct Entry {
        var request: Request
        var failures: Int
        var notBefore: ContinuousClock.Instant
        var inFlight: Bool
    }

    private let client: KubernetesClient
    private let informers: ClusterInformers
    private let events: EventRecorder
    private let metrics: ControllerMetrics
    private let logger: Logger
    private let baseDelay: Duration
    private let maxDelay: Duration
    private let parallelism: Int
    private var entries: [String: Entry] = [:]
    /// Pods evicted lately: a drain pass reading a cache that does not show their deletion
    /// yet must not evict (and count) them twice.
    private var evicted: [String: ContinuousClock.Instant] = [:]
    static let evictedMemory: Duration = .seconds(30)

    init(client: KubernetesClient, informers: ClusterInformers, events: EventRecorder, metrics: ControllerMetrics,
         logger: Logger, baseDelay: Duration = .milliseconds(100), maxDelay: Duration = .seconds(10), parallelism: Int = 10) {
        self.client = client
        self.informers = informers
        self.events = events
        self.metrics = metrics
        self.logger = logger
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.parallelism = parallelism
    }

    /// Queues pods not queued yet; a queued pod keeps its back-off.
    func enqueue(_ requests: [Request]) {
        let now = ContinuousClock.now
        evicted = evicted.filter { now - $0.value < Self.evictedMemory }
        for request in requests where entries[request.pod.uid] == nil && evicted[request.pod.uid] == nil {
            entries[request.pod.uid] = Entry(request: request, failures: 0, notBefore: .now, inFlight: false)
        }
    }

    var pending: Int { entries.count }

    func isQueued(uid: String) -> Bool { entries[uid] != nil }

    /// Works the queue until cancelled.
    func run() async {
        while !Task.isCancelled {
            let due = takeDue()
            if due.isEmpty {
                try? await Task.sleep(for: entries.isEmpty ? .milliseconds(200) : .milliseconds(50))
                continue
            }
            let outcomes = await withTaskGroup(of: (String, Outcome).self) { group in
                for request in due {
                    group.addTask { (request.pod.uid, await self.attempt(request)) }
                }
                var outcomes: [(String, Outcome)] = []
                for await outcome in group { outcomes.append(outcome) }
                return outcomes
            }
            finish(outcomes)
        }
        entries = [:]
    }

    private func takeDue() -> [Request] {
        let now = ContinuousClock.now
        var due: [Request] = []
        for (uid, entry) in entries.sorted(by: { $0.value.notBefore < $1.value.notBefore })
        where !entry.inFlight && entry.notBefore <= now && due.count < parallelism {
            entries[uid]?.inFlight = true
            due.append(entry.request)
        }
        return due
    }

    private func finish(_ outcomes: [(String, Outcome)]) {
        for (uid, outcome) in outcomes {
            switch outcome {
            case .done:
                entries[uid] = nil
            case .evicted:
                entries[uid] = nil
                evicted[uid] = .now
            case .retry:
                guard var entry = entries[uid] else { continue }
                entry.failures += 1
                entry.inFlight = false
                entry.notBefore = .now + Self.backoff(failures: entry.failures, base: baseDelay, maximum: maxDelay)
                entries[uid] = entry
            }
        }
    }

    /// base × 2^(failures − 1), at most `maximum`.
    static func backoff(failures: Int, base: Duration, maximum: Duration) -> Duration {
        var delay = base
        for _ in 1..<max(1, min(failures, 30)) {
            delay *= 2
            if delay >= maximum { return maximum }
        }
        return min(delay, maximum)
    }

    private nonisolated func attempt(_ request: Request) async -> Outcome {
        let key = ObjectKey(namespace: request.pod.namespace, name: request.pod.name)
        guard let raw = await informers.pods.get(key), raw.uid == request.pod.uid, let pod = raw.typed(Pod.self) else { return .done }
        if raw.isDeleting || PodEligibility.isTerminal(pod) { return .done }
        if DrainPlan.doNotDisruptActive(pod, now: Date()) { return .retry }
        do {
            try await client.evict(pod: request.pod.name, namespace: request.pod.namespace,
                                   options: DeleteOptions(preconditionUID: request.pod.uid))
        } catch {
            return await failed(request, error)
        }
        metrics.podEvicted(reason: request.reason)
        logger.info("evicted pod", metadata: ["Pod": "\(request.pod)", "Node": "\(request.node)", "reason": "\(request.reason)"])
        await events.record(raw, warning: false, reason: TerminationNames.Reason.evicted, message: "Evicted pod: \(request.reason)")
        return .evicted
    }

    private nonisolated func failed(_ request: Request, _ error: KubeClientError) async -> Outcome {
        guard let status = error.status else {
            logger.error("evicting pod failed", metadata: ["Pod": "\(request.pod)", "error": "\(error)"])
            return .retry
        }
        if status.isNotFound || status.isConflict { return .done }
        let message: String
        if status.isTooManyRequests {
            message = "Failed to drain node, evicting pod violates a PDB"
        } else if status.message.contains("more than one PodDisruptionBudget") {
            message = "Failed to drain node, eviction does not support multiple PDBs"
        } else {
            logger.error("evicting pod failed", metadata: ["Pod": "\(request.pod)", "error": "\(error)"])
            return .retry
        }
        logger.info("eviction refused by a disruption budget", metadata: ["Pod": "\(request.pod)", "Node": "\(request.node)"])
        if let node = await informers.nodes.get(ObjectKey(namespace: nil, name: request.node)) {
            await events.record(node, warning: true, reason: TerminationNames.Reason.failedDraining, message: message)
        }
        return .retry
    }
}
