import Foundation
import KarpenterAPI
import KarpenterCloud
import KubeClient
import Testing

@Suite(.serialized) struct ProvisioningTests {
    @Test func pendingPodsBecomeOneNodeClaimThatLaunchesRegistersAndInitializes() async throws {
        let cluster = try await TestCluster()
        do {
            try await cluster.createNodePool()
            try await cluster.createPendingPod("web-1")
            try await cluster.createPendingPod("web-2")

            let claim = try await eventually("a launched NodeClaim") {
                try await cluster.nodeClaims().first { $0["status"]?["providerID"]?.stringValue != nil }
            }
            let labels = claim["metadata"]?["labels"]
            #expect(labels?["karpenter.sh/nodepool"]?.stringValue == "default")
            #expect(labels?["team"]?.stringValue == "web")
            #expect(labels?["node.kubernetes.io/instance-type"]?.stringValue == "small")
            #expect(claim.metadataName.hasPrefix("default-"))
            #expect(claim.finalizerList == ["karpenter.sh/termination"])
            let owner = claim["metadata"]?["ownerReferences"]?.arrayValue?.first
            #expect(owner?["kind"]?.stringValue == "NodePool")
            #expect(owner?["name"]?.stringValue == "default")
            let requirements = claim["spec"]?["requirements"]?.arrayValue ?? []
            let instanceTypes = requirements.first { $0["key"]?.stringValue == "node.kubernetes.io/instance-type" }
            #expect(instanceTypes?["operator"]?.stringValue == "In")
            #expect(instanceTypes?["values"]?.arrayValue?.compactMap(\.stringValue).contains("small") == true)
            #expect(requirements.contains { $0["key"]?.stringValue == "karpenter.sh/capacity-type" })
            #expect(claim["spec"]?["resources"]?["requests"]?["cpu"]?.stringValue == "2")
            #expect(claim["spec"]?["resources"]?["requests"]?["pods"]?.stringValue == "2")
            #expect(claim["spec"]?["startupTaints"]?.arrayValue?.first?["key"]?.stringValue == "example.com/agent")
            #expect(claim["spec"]?["nodeClassRef"]?["name"]?.stringValue == "default")
            #expect(claim["spec"]?["expireAfter"]?.stringValue == "720h")
            #expect(claim.condition("Launched") == "True")
            #expect(claim["status"]?["capacity"]?["cpu"]?.stringValue == "4")
            #expect(claim["status"]?["imageID"]?.stringValue == "fake-image")

            // Several more passes see the in-flight NodeClaim and plan nothing new.
            let passes = cluster.schedulingPasses()
            _ = try await eventually("two more scheduling passes") { cluster.schedulingPasses() >= passes + 2 ? true : nil }
            #expect(try await cluster.nodeClaims().count == 1)

            // The kubelet registers with the startup and unregistered taints.
            let providerID = claim["status"]?["providerID"]?.stringValue ?? ""
            try await cluster.registerNode("node-1", providerID: providerID,
                                           taints: [("karpenter.sh/unregistered", "NoExecute"), ("example.com/agent", "NoSchedule")])
            let registered = try await eventually("Registered") {
                try await cluster.client.get(.nodeClaims, name: claim.metadataName).condition("Registered") == "True" ? true : nil
            }
            #expect(registered)
            let node = try await cluster.client.get(.nodes, name: "node-1")
            #expect(node["metadata"]?["labels"]?["karpenter.sh/registered"]?.stringValue == "true")
            #expect(node["metadata"]?["labels"]?["karpenter.sh/nodepool"]?.stringValue == "default")
            #expect(node["metadata"]?["ownerReferences"]?.arrayValue?.first?["kind"]?.stringValue == "NodeClaim")
            #expect(node.finalizerList.contains("karpenter.sh/termination"))
            let taintKeys = node["spec"]?["taints"]?.arrayValue?.compactMap { $0["key"]?.stringValue } ?? []
            #expect(!taintKeys.contains("karpenter.sh/unregistered"))
            #expect(taintKeys.contains("example.com/agent"))
            #expect(try await cluster.client.get(.nodeClaims, name: claim.metadataName)["status"]?["nodeName"]?.stringValue == "node-1")

            // Not initialized while the startup taint stays; the agent removes it.
            #expect(try await cluster.client.get(.nodeClaims, name: claim.metadataName).condition("Initialized") != "True")
            _ = try await cluster.client.patch(.nodes, name: "node-1", .merge(.object(["spec": .object(["taints": .null])])))
            let ready = try await eventually("Initialized and Ready") {
                let current = try await cluster.client.get(.nodeClaims, name: claim.metadataName)
                return current.condition("Initialized") == "True" && current.condition("Ready") == "True" ? current : nil
            }
            #expect(ready.condition("Registered") == "True")
            let initializedNode = try await cluster.client.get(.nodes, name: "node-1")
            #expect(initializedNode["metadata"]?["labels"]?["karpenter.sh/initialized"]?.stringValue == "true")

            let metrics = cluster.controller.metrics.registry.render()
            #expect(metrics.contains("karpenter_nodeclaims_created_total{nodepool=\"default\"} 1"))
            #expect(metrics.contains("karpenter_nodeclaims_launched_total{nodepool=\"default\"} 1"))
            #expect(metrics.contains("karpenter_nodeclaims_registered_total{nodepool=\"default\"} 1"))
            #expect(metrics.contains("karpenter_nodeclaims_initialized_total{nodepool=\"default\"} 1"))
            #expect(metrics.contains("karpenter_cloudprovider_duration_seconds_count{controller=\"nodeclaim.lifecycle\",method=\"Create\",provider=\"fake\"} 1"))

            // Nominated events name the NodeClaim.
            let events = try await cluster.client.list(.events, namespace: "default").items
            #expect(events.contains { $0["reason"]?.stringValue == "Nominated" && $0["involvedObject"]?["name"]?.stringValue == "web-1"
                && $0["source"]?["component"]?.stringValue == "karpenter" })
        } catch {
            await cluster.stop()
            throw error
        }
        await cluster.stop()
    }

    @Test func unplaceablePodGetsAFailedSchedulingEvent() async throws {
        let cluster = try await TestCluster()
        do {
            try await cluster.createNodePool()
            try await cluster.createPendingPod("huge", cpu: "100")
            let event = try await eventually("a FailedScheduling event") {
                try await cluster.client.list(.events, namespace: "default").items.first {
                    $0["reason"]?.stringValue == "FailedScheduling" && $0["involvedObject"]?["name"]?.stringValue == "huge"
                }
            }
            #expect(event["type"]?.stringValue == "Warning")
            #expect(event["message"]?.stringValue?.hasPrefix("Failed to schedule pod, ") == true)
            #expect(try await cluster.nodeClaims().isEmpty)
        } catch {
            await cluster.stop()
            throw error
        }
        await cluster.stop()
    }

    @Test func capacityErrorMarksTheOfferingUnavailableAndReplansOntoAnother() async throws {
        let cloud = FakeCloudProvider()
        await cloud.fail("small")
        let cluster = try await TestCluster(cloud: cloud)
        do {
            try await cluster.createNodePool()
            try await cluster.createPendingPod("web-1")
            let claim = try await eventually("a NodeClaim launched as large") {
                try await cluster.nodeClaims().first {
                    $0["status"]?["providerID"]?.stringValue != nil
                        && $0["metadata"]?["labels"]?["node.kubernetes.io/instance-type"]?.stringValue == "large"
                }
            }
            let values = claim["spec"]?["requirements"]?.arrayValue?
                .first { $0["key"]?.stringValue == "node.kubernetes.io/instance-type" }?["values"]?.arrayValue?.compactMap(\.stringValue)
            #expect(values == ["large"])
            let unavailable = cluster.controller.unavailableOfferings.current()
            #expect(unavailable.contains(OfferingKey(instanceType: "small", zone: "eastus-1", capacityType: "on-demand")))
            #expect(await cloud.creates == ["large"])
            _ = try await eventually("the failed NodeClaim gone") { try await cluster.nodeClaims().count == 1 ? true : nil }
        } catch {
            await cluster.stop()
            throw error
        }
        await cluster.stop()
    }

    @Test func nodePoolStatusSumsItsNodeClaims() async throws {
        let cluster = try await TestCluster()
        do {
            try await cluster.createNodePool()
            try await cluster.createPendingPod("web-1")
            let status = try await eventually("NodePool status with resources") {
                let pool = try await cluster.client.get(.nodePools, name: "default")
                return pool["status"]?["resources"]?["cpu"]?.stringValue == "4" ? pool : nil
            }
            #expect(status["status"]?["resources"]?["nodes"]?.stringValue == "1")
            #expect(status.condition("Ready") == "True")
            #expect(status.condition("NodeClassReady") == "True")
        } catch {
            await cluster.stop()
            throw error
        }
        await cluster.stop()
    }
}
