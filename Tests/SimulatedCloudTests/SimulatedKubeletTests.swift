import Foundation
import KarpenterAPI
import KarpenterCloud
import KubeClient
import SimulatedCloud
import Testing

@Suite("The simulated kubelet against the in-process API server")
struct SimulatedKubeletTests {
    @Test func aBoundPodRunsAndATerminatingPodIsRemovedAfterItsGracePeriod() async throws {
        try await TestCluster.with { cluster in
            let provider = SimulatedCloudProvider(client: cluster.client)
            _ = try await provider.create(launchRequest(nodeClaim("default-pods")))
            let kubelet = SimulatedKubelet(client: cluster.client, options: .init(readyDelay: .zero, gracePeriodScale: 0))
            await kubelet.start()
            _ = try await cluster.client.create(.pods, podObject("web", nodeName: "default-pods"))
            let running = try await cluster.waitForPod("web", .running)
            #expect(running)
            let pod = try #require(try await cluster.pod("web"))
            #expect(pod["status"]?["podIP"]?.stringValue?.hasPrefix("10.") == true)
            #expect(pod["status"]?["containerStatuses"]?.arrayValue?.first?["ready"]?.boolValue == true)

            let result = try await cluster.client.delete(.pods, name: "web", namespace: "default")
            #expect(result.stillExists, "a bound pod terminates gracefully")
            let gone = try await cluster.waitForPod("web", .gone)
            await kubelet.stop()
            #expect(gone)
        }
    }

    @Test func aTerminatingPodWaitsForItsScaledGracePeriod() async throws {
        try await TestCluster.with { cluster in
            let provider = SimulatedCloudProvider(client: cluster.client)
            _ = try await provider.create(launchRequest(nodeClaim("default-grace")))
            let kubelet = SimulatedKubelet(client: cluster.client, options: .init(readyDelay: .zero, gracePeriodScale: 1))
            await kubelet.start()
            _ = try await cluster.client.create(.pods, podObject("slow", nodeName: "default-grace", gracePeriod: 1))
            _ = try await cluster.client.delete(.pods, name: "slow", namespace: "default")
            #expect(try await cluster.pod("slow")?["metadata"]?["deletionTimestamp"] != nil)
            let gone = try await cluster.waitForPod("slow", .gone)
            await kubelet.stop()
            #expect(gone)
        }
    }

    @Test func theNodeLeaseIsRenewed() async throws {
        try await TestCluster.with { cluster in
            let provider = SimulatedCloudProvider(client: cluster.client)
            _ = try await provider.create(launchRequest(nodeClaim("default-lease")))
            let kubelet = SimulatedKubelet(client: cluster.client,
                                           options: .init(readyDelay: .zero, heartbeatInterval: .milliseconds(300)))
            await kubelet.start()
            #expect(try await cluster.waitForLeaseRenewal("default-lease", after: nil))
            let first = try await cluster.leaseRenewTime("default-lease")
            let renewed = try await cluster.waitForLeaseRenewal("default-lease", after: first)
            let lease = try await cluster.client.get(.leases, name: "default-lease", namespace: "kube-node-lease")
            await kubelet.stop()
            #expect(renewed)
            #expect(lease["spec"]?["holderIdentity"]?.stringValue == "default-lease")
            #expect(lease["metadata"]?["ownerReferences"]?.arrayValue?.first?["kind"]?.stringValue == "Node")
        }
    }

    @Test func podsOfADeletedNodeAreCollected() async throws {
        try await TestCluster.with { cluster in
            let provider = SimulatedCloudProvider(client: cluster.client)
            let launched = try await provider.create(launchRequest(nodeClaim("default-gc")))
            let kubelet = SimulatedKubelet(client: cluster.client, options: .init(readyDelay: .zero))
            await kubelet.start()
            _ = try await cluster.client.create(.pods, podObject("orphan", nodeName: "default-gc"))
            #expect(try await cluster.waitForPod("orphan", .running))
            try await provider.delete(providerID: launched.providerID)
            let gone = try await cluster.waitForPod("orphan", .gone)
            await kubelet.stop()
            #expect(gone)
        }
    }
}
