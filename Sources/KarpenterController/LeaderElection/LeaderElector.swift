import Foundation
import KarpenterAPI
import KubeClient
import Logging

/// Leader election on a `coordination.k8s.io/v1` Lease, as client-go does it: only one replica
/// acts at a time; a second one takes over once the leader's lease lapses. Expiry is judged by
/// when *this* replica last saw the lease change (not by the holder's clock), so clock skew
/// between replicas cannot make two leaders. Updates carry the resourceVersion, so two
/// replicas racing for a free lease cannot both win.
public actor LeaderElector {
    public nonisolated let namespace: String
    public nonisolated let name: String
    public nonisolated let identity: String
    private let client: KubernetesClient
    private let leaseDuration: Duration
    private let renewDeadline: Duration
    private let retryPeriod: Duration
    private let logger: Logger

    private var observed: LeaseRecord?
    private var observedAt: ContinuousClock.Instant?
    public private(set) var isLeader = false
    /// How many times this replica became leader (for metrics and tests).
    public private(set) var acquisitions = 0

    public init(client: KubernetesClient, namespace: String, name: String, identity: String,
                leaseDuration: Duration = .seconds(15), renewDeadline: Duration = .seconds(10), retryPeriod: Duration = .seconds(2),
                logger: Logger = Logger(label: "karpenter.leader-election")) {
        self.client = client
        self.namespace = namespace
        self.name = name
        self.identity = identity
        self.leaseDuration = leaseDuration
        self.renewDeadline = renewDeadline
        self.retryPeriod = retryPeriod
        self.logger = logger
    }

    /// Blocks until the calling task is cancelled: acquires the Lease (waiting while another
    /// holder's lease is valid), runs `whileLeading` in a child task and renews; cancels
    /// `whileLeading` when leadership is lost, then competes again; releases the lease when
    /// cancelled so a successor need not wait for it to expire.
    public func run(whileLeading: @escaping @Sendable () async -> Void) async {
        while !Task.isCancelled {
            guard await acquire() else { return }
            logger.info("became leader", metadata: ["lease": "\(namespace)/\(name)", "identity": "\(identity)"])
            let work = Task { await whileLeading() }
            await renewUntilLost()
            work.cancel()
            await work.value
            if Task.isCancelled {
                // A fresh task: the cancelled one would cancel the release's requests too.
                await Task { await self.release() }.value
                return
            }
            logger.warning("lost leadership", metadata: ["lease": "\(namespace)/\(name)"])
        }
    }

    /// Tries every retry period until this replica holds the lease; false when cancelled first.
    private func acquire() async -> Bool {
        while !Task.isCancelled {
            if await tryAcquireOrRenew() {
                isLeader = true
                acquisitions += 1
                return true
            }
            try? await Task.sleep(for: retryPeriod)
        }
        return false
    }

    /// Renews every retry period; returns when a renewal has not succeeded within the renew
    /// deadline, or when cancelled.
    private func renewUntilLost() async {
        var lastRenewal = ContinuousClock.now
        while !Task.isCancelled {
            try? await Task.sleep(for: retryPeriod)
            if Task.isCancelled { break }
            if await tryAcquireOrRenew() {
                lastRenewal = ContinuousClock.now
            } else if ContinuousClock.now - lastRenewal > renewDeadline {
                break
            }
        }
        isLeader = false
    }

    /// One round of client-go's tryAcquireOrRenew.
    private func tryAcquireOrRenew() async -> Bool {
        let now = Date()
        let stamp = LeaseRecord.microTime(now)
        let seconds = Int(leaseDuration.components.seconds)
        let lease: JSONValue
        do {
            lease = try await client.get(.leases, name: name, namespace: namespace)
        } catch let error where error.kubeStatus?.isNotFound == true {
            let record = LeaseRecord(holderIdentity: identity, leaseDurationSeconds: seconds, acquireTime: stamp,
                                     renewTime: stamp, leaseTransitions: 0)
            var fresh = JSONValue.object([:])
            fresh["apiVersion"] = .string("coordination.k8s.io/v1")
            fresh["kind"] = .string("Lease")
            fresh["metadata"] = .object(["name": .string(name), "namespace": .string(namespace)])
            do {
                _ = try await client.create(.leases, record.applied(to: fresh), namespace: namespace)
                observe(record)
                return true
            } catch {
                return false
            }
        } catch {
            logger.debug("reading the lease failed", metadata: ["error": "\(error)"])
            return false
        }
        let current = LeaseRecord(lease)
        if current != observed { observe(current) }
        let heldByOther = !current.holderIdentity.isEmpty && current.holderIdentity != identity
        if heldByOther, let observedAt, ContinuousClock.now < observedAt + .seconds(max(current.leaseDurationSeconds, 1)) {
            return false
        }
        var next = current
        next.holderIdentity = identity
        next.leaseDurationSeconds = seconds
        next.renewTime = stamp
        if current.holderIdentity != identity {
            next.acquireTime = stamp
            next.leaseTransitions = current.leaseTransitions + 1
        }
        do {
            _ = try await client.update(.leases, next.applied(to: lease))
            observe(next)
            return true
        } catch {
            return false
        }
    }

    private func observe(_ record: LeaseRecord) {
        observed = record
        observedAt = ContinuousClock.now
    }

    /// Gives the lease up (holder cleared, 1 s duration) so a successor takes over at once.
    private func release() async {
        guard let lease = try? await client.get(.leases, name: name, namespace: namespace),
              LeaseRecord(lease).holderIdentity == identity else { return }
        var record = LeaseRecord(lease)
        record.holderIdentity = ""
        record.leaseDurationSeconds = 1
        record.renewTime = LeaseRecord.microTime(Date())
        _ = try? await client.update(.leases, record.applied(to: lease))
        isLeader = false
        logger.info("released leadership", metadata: ["lease": "\(namespace)/\(name)"])
    }
}
