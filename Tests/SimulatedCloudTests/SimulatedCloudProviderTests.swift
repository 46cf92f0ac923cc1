import Foundation
import KarpenterAPI
import KarpenterCloud
import KubeClient
import SimulatedCloud
import Testing

@Suite("The simulated cloud provider against the in-process API server")
struct SimulatedCloudProviderTests {
    @Test func createRegistersTheNodeAKubeletWouldAndItBecomesReady() async throws {
        try await TestCluster.with { cluster in
            let provider = SimulatedCloudProvider(client: cluster.client)
            let claim = nodeClaim("default-abc12", taints: [Taint(key: "dedicated", value: "infra", effect: .noSchedule)],
                                  startupTaints: [Taint(key: "example.com/startup", effect: .noSchedule)])
            let launched = try await provider.create(launchRequest(claim))
            #expect(launched.providerID == "simulated:///default-abc12")
            #expect(launched.instanceType == "Standard_D2s_v3")
            #expect(launched.zone == "eastus-1")
            #expect(launched.capacityType == "on-demand")
            #expect(launched.labels["karpenter.sh/nodepool"] == "default")
            #expect(launched.labels[WellKnownLabel.instanceType] == "Standard_D2s_v3")
            #expect(launched.capacity["cpu"]?.milliValue == 2000)
            #expect(!launched.allocatable.isEmpty)

            let node = try #require(try await cluster.node("default-abc12"))
            let labels = node.labels
            #expect(labels[WellKnownLabel.instanceType] == "Standard_D2s_v3")
            #expect(labels[WellKnownLabel.zone] == "eastus-1")
            #expect(labels[WellKnownLabel.region] == "eastus")
            #expect(labels[WellKnownLabel.capacityType] == "on-demand")
            #expect(labels[WellKnownLabel.arch] == "amd64")
            #expect(labels[WellKnownLabel.os] == "linux")
            #expect(labels[WellKnownLabel.hostname] == "default-abc12")
            #expect(labels[WellKnownLabel.nodePool] == "default")
            #expect(labels["team"] == "a")
            #expect(labels["karpenter.sh/registered"] == nil)
            #expect(labels["karpenter.sh/initialized"] == nil)
            #expect(node.taintStrings == [
                "dedicated=infra:NoSchedule", "example.com/startup=:NoSchedule",
                "karpenter.sh/unregistered=:NoExecute", "node.kubernetes.io/not-ready=:NoSchedule",
            ])
            #expect(node["spec"]?["providerID"]?.stringValue == "simulated:///default-abc12")
            #expect(node["status"]?["capacity"]?["cpu"]?.stringValue == "2")
            #expect(node["status"]?["allocatable"]?["memory"] != nil)
            #expect(node.condition("Ready")?["status"]?.stringValue == "False")

            let kubelet = SimulatedKubelet(client: cluster.client, options: .init(readyDelay: .zero))
            await kubelet.start()
            let ready = try await cluster.waitForNodeReady("default-abc12")
            await kubelet.stop()
            #expect(ready)
            let after = try #require(try await cluster.node("default-abc12"))
            #expect(after.taintStrings.contains("karpenter.sh/unregistered=:NoExecute"), "registration is the controller's job")
        }
    }

    @Test func createIsIdempotentPerNodeClaim() async throws {
        try await TestCluster.with { cluster in
            let provider = SimulatedCloudProvider(client: cluster.client)
            let claim = nodeClaim("default-idem")
            async let first = provider.create(launchRequest(claim))
            async let second = provider.create(launchRequest(claim))
            let (a, b) = try await (first, second)
            let third = try await provider.create(launchRequest(claim))
            #expect(a == b)
            #expect(a.providerID == third.providerID)
            #expect(a.instanceType == third.instanceType)
            let instances = try await provider.list()
            #expect(instances.map(\.providerID) == ["simulated:///default-idem"])
            #expect(instances.first?.nodeClaimName == "default-idem")
            #expect(instances.first?.nodePoolName == "default")
            #expect(instances.first?.instanceType == "Standard_D2s_v3")
        }
    }

    @Test func anOfferingOutOfCapacityFailsTheLaunchAndIsMarkedUnavailable() async throws {
        try await TestCluster.with { cluster in
            let unavailable = UnavailableOfferings()
            let provider = SimulatedCloudProvider(client: cluster.client, unavailableOfferings: unavailable)
            let key = OfferingKey(instanceType: "Standard_D2s_v3", zone: "eastus-1", capacityType: "on-demand")
            provider.faults.exhaustCapacity(of: key, forLaunches: 1)
            await #expect(throws: CloudProviderError.insufficientCapacity([key], message: "simulated: no capacity for \(key)")) {
                try await provider.create(launchRequest(nodeClaim("default-ice")))
            }
            #expect(try await cluster.node("default-ice") == nil)
            #expect(unavailable.isUnavailable(key))
            // The next launch skips the offering the cache holds.
            let retried = try await provider.create(launchRequest(nodeClaim("default-ice2")))
            #expect(retried.instanceType == "Standard_D4s_v3")
        }
    }

    @Test func nothingLaunchableIsInsufficientCapacity() async throws {
        try await TestCluster.with { cluster in
            let provider = SimulatedCloudProvider(client: cluster.client)
            await #expect(throws: CloudProviderError.self) {
                try await provider.create(launchRequest(nodeClaim("default-none", zone: "westus-9")))
            }
            do {
                _ = try await provider.create(launchRequest(nodeClaim("default-none", zone: "westus-9")))
            } catch let error as CloudProviderError {
                #expect(error.isCapacityError)
            }
            provider.faults.failLaunches(rate: 1, seed: 7)
            await #expect(throws: CloudProviderError.self) {
                try await provider.create(launchRequest(nodeClaim("default-random")))
            }
        }
    }

    @Test func deleteTerminatesTheInstanceEvenWhileTheNodeWaitsForFinalizers() async throws {
        try await TestCluster.with { cluster in
            let provider = SimulatedCloudProvider(client: cluster.client)
            let plain = try await provider.create(launchRequest(nodeClaim("default-del")))
            try await provider.delete(providerID: plain.providerID)
            #expect(try await cluster.node("default-del") == nil)
            await #expect(throws: CloudProviderError.notFound(providerID: plain.providerID)) {
                try await provider.delete(providerID: plain.providerID)
            }
            await #expect(throws: CloudProviderError.notFound(providerID: plain.providerID)) {
                _ = try await provider.get(providerID: plain.providerID)
            }

            let held = try await provider.create(launchRequest(nodeClaim("default-held")))
            _ = try await cluster.client.patch(.nodes, name: "default-held",
                                               .merge(.object(["metadata": .object(["finalizers": .array([.string("karpenter.sh/termination")])])])))
            #expect(try await provider.get(providerID: held.providerID).state == .running)
            try await provider.delete(providerID: held.providerID)
            #expect(try await cluster.node("default-held") != nil)
            await #expect(throws: CloudProviderError.notFound(providerID: held.providerID)) {
                try await provider.delete(providerID: held.providerID)
            }
            #expect(try await provider.list().isEmpty)
        }
    }

    @Test func driftIsReportedOnlyWhenInjected() async throws {
        try await TestCluster.with { cluster in
            let provider = SimulatedCloudProvider(client: cluster.client)
            let launched = try await provider.create(launchRequest(nodeClaim("default-drift")))
            _ = try await provider.get(providerID: launched.providerID)
            let claim = nodeClaim("default-drift")
            #expect(try await provider.driftReason(of: claim, node: nil, nodeClass: AKSNodeClass()) == nil)
            provider.faults.setDrift("ImageDrift", nodeClaim: "default-drift")
            #expect(try await provider.driftReason(of: claim, node: nil, nodeClass: AKSNodeClass()) == "ImageDrift")
        }
    }
}
