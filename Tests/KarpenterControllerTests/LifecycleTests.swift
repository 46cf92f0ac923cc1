import Foundation
import KarpenterAPI
import KarpenterController
import KubeClient
import Testing

@Suite(.serialized) struct LifecycleTests {
    static func nodeClaim(_ name: String) -> JSONValue {
        .object([
            "apiVersion": .string("karpenter.sh/v1"), "kind": .string("NodeClaim"),
            "metadata": .object(["name": .string(name), "labels": .object(["karpenter.sh/nodepool": .string("default")])]),
            "spec": .object([
                "nodeClassRef": .object(["group": .string("karpenter.azure.com"), "kind": .string("AKSNodeClass"), "name": .string("default")]),
                "requirements": .array([.object(["key": .string("node.kubernetes.io/instance-type"), "operator": .string("In"),
                                                 "values": .array([.string("small")])])]),
            ]),
        ])
    }

    @Test func unregisteredNodeClaimIsDeletedAfterTheRegistrationTTL() async throws {
        var options = TestCluster.fastOptions
        options.registrationTTL = .seconds(1)
        let cluster = try await TestCluster(options: options)
        do {
            _ = try await cluster.client.create(.nodeClaims, Self.nodeClaim("lonely"))
            _ = try await eventually("the instance launched") { await cluster.cloud.creates.isEmpty ? nil : true }
            _ = try await eventually("the NodeClaim deleted") {
                try await cluster.nodeClaims().isEmpty ? true : nil
            }
            #expect(await cluster.cloud.deletes == ["fake:///lonely"])
            #expect(await cluster.cloud.instances.isEmpty)
        } catch {
            await cluster.stop()
            throw error
        }
        await cluster.stop()
    }

    @Test func deletingANodeClaimDeletesTheInstanceThenReleasesTheFinalizer() async throws {
        let cluster = try await TestCluster()
        do {
            _ = try await cluster.client.create(.nodeClaims, Self.nodeClaim("doomed"))
            let launched = try await eventually("launched") {
                let claim = try await cluster.client.get(.nodeClaims, name: "doomed")
                return claim.condition("Launched") == "True" ? claim : nil
            }
            #expect(launched.finalizerList == ["karpenter.sh/termination"])
            try await cluster.registerNode("doomed-node", providerID: "fake:///doomed", taints: [])
            _ = try await eventually("registered") {
                try await cluster.client.get(.nodeClaims, name: "doomed").condition("Registered") == "True" ? true : nil
            }
            _ = try await cluster.client.delete(.nodeClaims, name: "doomed")
            _ = try await eventually("the NodeClaim gone") { try await cluster.nodeClaims().isEmpty ? true : nil }
            #expect(await cluster.cloud.deletes == ["fake:///doomed"])
            _ = try await eventually("the Node gone") {
                try await cluster.client.list(.nodes).items.isEmpty ? true : nil
            }
            #expect(cluster.controller.metrics.registry.render().contains("karpenter_nodeclaims_terminated_total{nodepool=\"default\"} 1"))
        } catch {
            await cluster.stop()
            throw error
        }
        await cluster.stop()
    }

    @Test func garbageCollectionDeletesOldInstancesWithoutANodeClaim() async throws {
        let cloud = FakeCloudProvider()
        await cloud.addOrphan(providerID: "fake:///orphan", age: 3600)
        await cloud.addOrphan(providerID: "fake:///newborn", age: 1)
        let cluster = try await TestCluster(cloud: cloud)
        do {
            _ = try await eventually("the orphan deleted") { await cloud.deletes.contains("fake:///orphan") ? true : nil }
            #expect(await cloud.instances.keys.sorted() == ["fake:///newborn"])
        } catch {
            await cluster.stop()
            throw error
        }
        await cluster.stop()
    }

    @Test func aRegisteredNodeClaimWhoseInstanceVanishedIsCollected() async throws {
        let cluster = try await TestCluster()
        do {
            _ = try await cluster.client.create(.nodeClaims, Self.nodeClaim("vanishing"))
            _ = try await eventually("launched") {
                try await cluster.client.get(.nodeClaims, name: "vanishing").condition("Launched") == "True" ? true : nil
            }
            try await cluster.registerNode("vanishing-node", providerID: "fake:///vanishing", taints: [])
            _ = try await eventually("registered") {
                try await cluster.client.get(.nodeClaims, name: "vanishing").condition("Registered") == "True" ? true : nil
            }
            // While its Node is Ready the NodeClaim stays, even if the cloud lost track of the VM.
            await cluster.cloud.vanish("fake:///vanishing")
            try await Task.sleep(for: .seconds(1))
            #expect(try await cluster.nodeClaims().count == 1)
            try await cluster.setNodeStatus("vanishing-node", ready: false)
            _ = try await eventually("the NodeClaim collected") { try await cluster.nodeClaims().isEmpty ? true : nil }
        } catch {
            await cluster.stop()
            throw error
        }
        await cluster.stop()
    }
}
