import AzureProvider
import AzureStandIn
import Foundation
import KarpenterAPI
import KarpenterCloud
import Testing

@Suite("Adopt, get, delete, list, drift")
struct LifecycleTests {
    let type = AzureTestFixture.instanceType("Standard_D2s_v3", price: 0.096)

    @Test func createAgainAdoptsTheExistingVM() async throws {
        let fixture = try await AzureTestFixture.start()
        defer { Task { await fixture.shutdown() } }
        let first = try await fixture.launch("adopt-1", types: [type])
        let second = try await fixture.launch("adopt-1", types: [type])
        #expect(second == first)
        #expect(fixture.standIn.virtualMachines.count == 1)
        #expect(fixture.standIn.requests(method: "PUT", pathContaining: "virtualMachines/").count == 1)
    }

    @Test func deleteRemovesVMAndNICAndThenReportsNotFound() async throws {
        let fixture = try await AzureTestFixture.start()
        defer { Task { await fixture.shutdown() } }
        let launched = try await fixture.launch("delete-1", types: [type])
        #expect(fixture.standIn.networkInterfaces.count == 1)
        try await fixture.provider.delete(providerID: launched.providerID)
        #expect(fixture.standIn.virtualMachines.isEmpty)
        #expect(fixture.standIn.networkInterfaces.isEmpty)
        let delete = try #require(fixture.standIn.requests(method: "DELETE", pathContaining: "virtualMachines/aks-delete-1").first)
        #expect(delete.apiVersion == "2025-04-01")
        #expect(delete.query["forceDeletion"] == "true")
        #expect(fixture.standIn.requests(method: "DELETE", pathContaining: "networkInterfaces/aks-delete-1").first?.apiVersion == "2022-07-01")
        await #expect(throws: CloudProviderError.notFound(providerID: launched.providerID)) {
            try await fixture.provider.delete(providerID: launched.providerID)
        }
        await #expect(throws: CloudProviderError.notFound(providerID: launched.providerID)) {
            _ = try await fixture.provider.get(providerID: launched.providerID)
        }
    }

    @Test func concurrentDeletesOfOneVMIssueOneDelete() async throws {
        let fixture = try await AzureTestFixture.start()
        defer { Task { await fixture.shutdown() } }
        let launched = try await fixture.launch("delete-2", types: [type])
        async let first: Void = fixture.provider.delete(providerID: launched.providerID)
        async let second: Void = fixture.provider.delete(providerID: launched.providerID)
        _ = try await (first, second)
        #expect(fixture.standIn.requests(method: "DELETE", pathContaining: "virtualMachines/aks-delete-2").count == 1)
    }

    @Test func getReadsTheVM() async throws {
        let fixture = try await AzureTestFixture.start()
        defer { Task { await fixture.shutdown() } }
        let launched = try await fixture.launch("get-1", types: [type], capacityTypes: ["spot"], zones: ["eastus-3"])
        let instance = try await fixture.provider.get(providerID: launched.providerID)
        #expect(instance.providerID == launched.providerID)
        #expect(instance.nodeClaimName == "get-1")
        #expect(instance.nodePoolName == "general")
        #expect(instance.instanceType == "Standard_D2s_v3")
        #expect(instance.zone == "eastus-3")
        #expect(instance.capacityType == "spot")
        #expect(instance.state == .running)
        #expect(instance.imageID == launched.imageID)
        let created = try #require(instance.createdAt)
        #expect(abs(created.timeIntervalSinceNow) < 60)
    }

    @Test func listFindsThisClustersVMsByTagAcrossPages() async throws {
        let fixture = try await AzureTestFixture.start()
        defer { Task { await fixture.shutdown() } }
        fixture.standIn.setResourceGraphPageSize(1)
        _ = try await fixture.launch("list-1", types: [type])
        _ = try await fixture.launch("list-2", types: [type])
        // Not Karpenter's (no nodepool tag), and another resource group's.
        fixture.standIn.seedVirtualMachine(resourceGroup: AzureTestFixture.resourceGroup, name: "aks-system-12345678-vmss000000",
                                           resource: .object(["name": .string("aks-system-12345678-vmss000000"), "location": .string("eastus"),
                                                              "tags": .object(["aks-managed-poolName": .string("system")])]))
        fixture.standIn.seedVirtualMachine(resourceGroup: "other-rg", name: "aks-list-3",
                                           resource: .object(["name": .string("aks-list-3"), "location": .string("eastus"),
                                                              "tags": .object(["karpenter.sh_nodepool": .string("general")])]))
        let instances = try await fixture.provider.list()
        #expect(instances.map(\.nodeClaimName) == ["list-1", "list-2"])
        #expect(instances.allSatisfy { $0.createdAt != nil && $0.nodePoolName == "general" })
        let queries = fixture.standIn.requests(method: "POST", pathContaining: "Microsoft.ResourceGraph/resources")
        #expect(queries.count == 2)
        let query = try #require(queries.first?.body)
        #expect(queries.first?.apiVersion == "2022-10-01")
        #expect(query["subscriptions"] == .array([.string(AzureTestFixture.subscription)]))
        #expect(query["options"]?["resultFormat"] == .string("objectArray"))
        #expect(query["query"]?.stringValue?.contains("| where tags has_cs 'karpenter.sh_nodepool'") == true)
        #expect(query["query"]?.stringValue?.contains("resourceGroup == '\(AzureTestFixture.resourceGroup.lowercased())'") == true)
        #expect(queries.last?.body?["options"]?["$skipToken"] == .string("1"))
    }

    @Test func unknownProviderIDIsPermanent() async throws {
        let fixture = try await AzureTestFixture.start()
        defer { Task { await fixture.shutdown() } }
        await #expect(throws: CloudProviderError.permanent("simulated:///node-1 is not an Azure VM provider ID")) {
            try await fixture.provider.delete(providerID: "simulated:///node-1")
        }
    }
}
