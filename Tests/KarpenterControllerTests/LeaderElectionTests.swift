import Foundation
import InProcessAPIServer
import KarpenterAPI
import KubeClient
import Testing
@testable import KarpenterController

/// Counts how long each replica has been doing leader work.
actor LeadershipLog {
    private(set) var started: [String] = []
    private(set) var active: Set<String> = []
    private(set) var overlaps = 0

    func begin(_ identity: String) {
        started.append(identity)
        if !active.isEmpty { overlaps += 1 }
        active.insert(identity)
    }

    func end(_ identity: String) { active.remove(identity) }
}

@Suite("Leader election on a Lease")
struct LeaderElectionTests {
    private func elector(_ client: KubernetesClient, _ identity: String) -> LeaderElector {
        LeaderElector(client: client, namespace: "kube-system", name: "karpenter-leader-election", identity: identity,
                      leaseDuration: .seconds(2), renewDeadline: .milliseconds(1500), retryPeriod: .milliseconds(200))
    }

    private func work(_ log: LeadershipLog, _ identity: String) -> @Sendable () async -> Void {
        {
            await log.begin(identity)
            while !Task.isCancelled { try? await Task.sleep(for: .milliseconds(50)) }
            await log.end(identity)
        }
    }

    private func eventually(_ condition: () async -> Bool) async -> Bool {
        for _ in 0..<400 {
            if await condition() { return true }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return await condition()
    }

    @Test func aSecondReplicaWaitsAndTakesOverWhenTheLeaderStops() async throws {
        let server = try await InProcessAPIServer.start()
        let client = try KubernetesClient(config: RESTConfig(server: server.baseURL))
        let log = LeadershipLog()
        let first = elector(client, "replica-a")
        let second = elector(client, "replica-b")
        let runFirst = Task { await first.run(whileLeading: work(log, "replica-a")) }
        #expect(await eventually { await first.isLeader })
        #expect(await eventually { await log.started.count == 1 })
        let runSecond = Task { await second.run(whileLeading: work(log, "replica-b")) }
        try await Task.sleep(for: .seconds(1))
        #expect(await !second.isLeader, "the lease is held and renewed")
        #expect(await log.started == ["replica-a"])

        runFirst.cancel()
        await runFirst.value
        #expect(await eventually { await second.isLeader })
        // The leader's work starts in its own task, a moment after leadership is won.
        #expect(await eventually { await log.started.count == 2 })
        #expect(await log.started == ["replica-a", "replica-b"])
        #expect(await log.overlaps == 0, "never two leaders at once")
        let lease = try await client.get(.leases, name: "karpenter-leader-election", namespace: "kube-system")
        #expect(lease["spec"]?["holderIdentity"]?.stringValue == "replica-b")
        #expect(lease["spec"]?["leaseTransitions"]?.integerValue == 1, "one change of holder")
        runSecond.cancel()
        await runSecond.value
        await client.shutdown()
        try await server.shutdown()
    }

    @Test func aDeadLeadersLeaseIsTakenOnlyAfterItLapses() async throws {
        let server = try await InProcessAPIServer.start()
        let client = try KubernetesClient(config: RESTConfig(server: server.baseURL))
        // A replica that died while leading: its lease is fresh and never renewed again.
        let now = LeaseRecord.microTime(Date())
        _ = try await client.create(.leases, .object([
            "apiVersion": .string("coordination.k8s.io/v1"), "kind": .string("Lease"),
            "metadata": .object(["name": .string("karpenter-leader-election"), "namespace": .string("kube-system")]),
            "spec": .object(["holderIdentity": .string("dead-replica"), "leaseDurationSeconds": .int(2),
                             "acquireTime": .string(now), "renewTime": .string(now), "leaseTransitions": .int(0)]),
        ]), namespace: "kube-system")
        let log = LeadershipLog()
        let survivor = elector(client, "survivor")
        let started = ContinuousClock.now
        let run = Task { await survivor.run(whileLeading: work(log, "survivor")) }
        try await Task.sleep(for: .milliseconds(800))
        #expect(await !survivor.isLeader, "the dead leader's lease has not lapsed yet")
        #expect(await eventually { await survivor.isLeader })
        #expect(ContinuousClock.now - started >= .seconds(2), "not before the lease duration")
        run.cancel()
        await run.value
        await client.shutdown()
        try await server.shutdown()
    }
}
