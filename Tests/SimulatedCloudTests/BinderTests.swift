import Foundation
import KarpenterAPI
import KarpenterCloud
import KubeClient
import SimulatedCloud
import Testing

@Suite("The minimal binder against the in-process API server")
struct BinderTests {
    @Test func aFittingPodIsBoundAndAPodThatFitsNowhereIsUnschedulableUntilANodeAppears() async throws {
        try await TestCluster.with { cluster in
            _ = try await cluster.client.create(.nodes, readyNode("small", cpu: "2"))
            let binder = Binder(client: cluster.client)
            await binder.start()
            _ = try await cluster.client.create(.pods, podObject("fits", cpu: "1"))
            _ = try await cluster.client.create(.pods, podObject("big", cpu: "8"))
            #expect(try await cluster.waitForPod("fits", .scheduledOn("small")))
            let marked = try await cluster.waitForPod("big", .schedulingMessage("0/1 nodes are available: 1 Insufficient cpu."))
            #expect(marked)
            let condition = try #require(try await cluster.pod("big")?.condition("PodScheduled"))
            #expect(condition["status"]?.stringValue == "False")
            #expect(condition["reason"]?.stringValue == "Unschedulable")

            _ = try await cluster.client.create(.nodes, readyNode("large", cpu: "16"))
            let bound = try await cluster.waitForPod("big", .scheduledOn("large"))
            await binder.stop()
            #expect(bound)
        }
    }

    @Test func theMessageCountsEachNodesReason() async throws {
        try await TestCluster.with { cluster in
            _ = try await cluster.client.create(.nodes, readyNode("tainted", cpu: "4", taints: [Taint(key: "gpu", value: "true", effect: .noSchedule)]))
            _ = try await cluster.client.create(.nodes, readyNode("arm", cpu: "4", labels: ["kubernetes.io/arch": "arm64"]))
            _ = try await cluster.client.create(.nodes, readyNode("tiny", cpu: "1", labels: ["kubernetes.io/arch": "amd64"]))
            let binder = Binder(client: cluster.client)
            await binder.start()
            _ = try await cluster.client.create(.pods, podObject("picky", cpu: "2", nodeSelector: ["kubernetes.io/arch": "amd64"]))
            let expected = "0/3 nodes are available: 1 Insufficient cpu, 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint {gpu: true}."
            let marked = try await cluster.waitForPod("picky", .schedulingMessage(expected))
            await binder.stop()
            #expect(marked)
        }
    }

    /// Provider, kubelet and binder together, with the test playing Karpenter's registration.
    @Test func aPendingPodLandsOnASimulatedNodeOnceItIsRegistered() async throws {
        try await TestCluster.with { cluster in
            let provider = SimulatedCloudProvider(client: cluster.client)
            let kubelet = SimulatedKubelet(client: cluster.client, options: .init(readyDelay: .zero))
            let binder = Binder(client: cluster.client)
            await kubelet.start()
            await binder.start()
            _ = try await cluster.client.create(.pods, podObject("app", cpu: "1"))
            #expect(try await cluster.waitForPod("app", .schedulingMessage("no nodes available to schedule pods")))
            _ = try await provider.create(launchRequest(nodeClaim("default-e2e")))
            #expect(try await cluster.waitForPod("app", .schedulingMessage(
                "0/1 nodes are available: 1 node(s) had untolerated taint {karpenter.sh/unregistered: }.")))
            #expect(try await cluster.waitForNodeReady("default-e2e"))
            // Registration: the controller lifts the unregistered taint.
            try await cluster.removeTaint(WellKnownTaint.unregisteredKey, fromNode: "default-e2e")
            let running = try await cluster.waitForPod("app", .runningOn("default-e2e"))
            await binder.stop()
            await kubelet.stop()
            #expect(running)
        }
    }
}
