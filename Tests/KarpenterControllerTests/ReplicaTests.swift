import Foundation
import KarpenterAPI
import KarpenterController
import KubeClient
import Testing

@Suite(.serialized) struct ReplicaTests {
    static func elector(_ client: KubernetesClient, _ identity: String) -> LeaderElector {
        LeaderElector(client: client, namespace: "kube-system", name: "karpenter-leader-election", identity: identity,
                      leaseDuration: .seconds(2), renewDeadline: .milliseconds(1500), retryPeriod: .milliseconds(200))
    }

    @Test func aSecondReplicaDoesNothingWhileTheFirstLeadsThenTakesOver() async throws {
        let cluster = try await TestCluster()
        let firstElector = Self.elector(cluster.client, "replica-a")
        let first = TestCluster.replica(client: cluster.client, cloud: cluster.cloud, leadership: firstElector)
        let firstTask = Task { await first.run() }
        let secondElector = Self.elector(cluster.client, "replica-b")
        let second = TestCluster.replica(client: cluster.client, cloud: cluster.cloud, leadership: secondElector)
        var secondTask: Task<Void, Never>?
        do {
            // The TestCluster's own controller is a third, unelected replica: stop it first.
            cluster.task.cancel()
            await cluster.task.value
            _ = try await eventually("replica-a leads") { await firstElector.isLeader ? true : nil }
            secondTask = Task { await second.run() }
            _ = try await eventually("replica-b synced") { await second.isReady ? true : nil }

            try await cluster.createNodePool()
            try await cluster.createPendingPod("web-1")
            _ = try await eventually("a launched NodeClaim") {
                try await cluster.nodeClaims().first { $0["status"]?["providerID"]?.stringValue != nil }
            }
            let passes = cluster.schedulingPasses(of: first)
            _ = try await eventually("two more passes of replica-a") { cluster.schedulingPasses(of: first) >= passes + 2 ? true : nil }
            #expect(await !secondElector.isLeader)
            #expect(cluster.schedulingPasses(of: second) == 0)
            #expect(!second.metrics.registry.render().contains("karpenter_nodeclaims_created_total{"))
            #expect(try await cluster.nodeClaims().count == 1)

            // The leader stops (and releases the Lease): replica-b takes over and keeps the one NodeClaim.
            firstTask.cancel()
            await firstTask.value
            _ = try await eventually("replica-b leads and provisions") { cluster.schedulingPasses(of: second) >= 2 ? true : nil }
            #expect(await secondElector.isLeader)
            #expect(try await cluster.nodeClaims().count == 1)
        } catch {
            firstTask.cancel()
            secondTask?.cancel()
            await cluster.stop()
            throw error
        }
        secondTask?.cancel()
        await secondTask?.value
        await cluster.stop()
    }

    @Test func nodePoolLimitsHoldAcrossBatches() async throws {
        let cluster = try await TestCluster()
        do {
            try await cluster.createNodePool(limits: ["cpu": "4"])
            try await cluster.createPendingPod("big-1", cpu: "3")
            try await cluster.createPendingPod("big-2", cpu: "3")
            let event = try await eventually("a limits FailedScheduling event") {
                try await cluster.client.list(.events, namespace: "default").items.first {
                    $0["reason"]?.stringValue == "FailedScheduling"
                        && $0["message"]?.stringValue?.contains("exceed limits") == true
                }
            }
            #expect(event["involvedObject"]?["name"]?.stringValue?.hasPrefix("big-") == true)
            let passes = cluster.schedulingPasses()
            _ = try await eventually("two more passes") { cluster.schedulingPasses() >= passes + 2 ? true : nil }
            let claims = try await cluster.nodeClaims()
            #expect(claims.count == 1)
            let values = claims.first?["spec"]?["requirements"]?.arrayValue?
                .first { $0["key"]?.stringValue == "node.kubernetes.io/instance-type" }?["values"]?.arrayValue?.compactMap(\.stringValue)
            #expect(values == ["small"])
        } catch {
            await cluster.stop()
            throw error
        }
        await cluster.stop()
    }
}
