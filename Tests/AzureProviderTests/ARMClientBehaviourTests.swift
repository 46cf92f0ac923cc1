import AzureProvider
import AzureStandIn
import Foundation
import KarpenterAPI
import KarpenterCloud
import Testing

@Suite("ARM client: retries, timeouts, delete states, spot quota")
struct ARMClientBehaviourTests {
    let type = AzureTestFixture.instanceType("Standard_D2s_v3", price: 0.096)

    @Test func serverErrorsAreRetriedForIdempotentCalls() async throws {
        let fixture = try await AzureTestFixture.start()
        defer { Task { await fixture.shutdown() } }
        let launched = try await fixture.launch("retry-1", types: [type])
        fixture.standIn.injectARMFailure(status: 500, code: "InternalServerError", message: "Encountered internal server error.", count: 2)
        let instance = try await fixture.provider.get(providerID: launched.providerID)
        #expect(instance.nodeClaimName == "retry-1")
    }

    @Test func serverErrorOnResourceGraphPostIsTransientAndNotRetried() async throws {
        let fixture = try await AzureTestFixture.start()
        defer { Task { await fixture.shutdown() } }
        _ = try await fixture.provider.list()
        fixture.standIn.clearRequests()
        fixture.standIn.injectARMFailure(status: 503, code: "ServiceUnavailable", message: "Try again later.")
        await #expect(throws: CloudProviderError.transient("ServiceUnavailable (HTTP 503): Try again later.")) {
            _ = try await fixture.provider.list()
        }
        #expect(fixture.standIn.requests.count == 1)
    }

    @Test func operationThatNeverFinishesTimesOutAndIsCleanedUp() async throws {
        var timing = AzureTiming.fast
        timing.operationTimeout = .milliseconds(150)
        let fixture = try await AzureTestFixture.start(timing: timing)
        defer { Task { await fixture.shutdown() } }
        fixture.standIn.setOperationPolls(1_000_000)
        let error = await #expect(throws: CloudProviderError.self) { try await fixture.launch("slow-1", types: [type]) }
        guard case .transient(let message)? = error else {
            Issue.record("expected transient, got \(String(describing: error))")
            return
        }
        #expect(message.contains("OperationTimedOut"))
        // The NIC delete was sent even though its own operation cannot finish in time either.
        #expect(fixture.standIn.requests(method: "DELETE", pathContaining: "networkInterfaces/aks-slow-1").count == 1)
    }

    @Test func deleteOfAVMAlreadyDeletingSucceedsWithoutAnotherDelete() async throws {
        let fixture = try await AzureTestFixture.start()
        defer { Task { await fixture.shutdown() } }
        fixture.standIn.seedVirtualMachine(resourceGroup: AzureTestFixture.resourceGroup, name: "aks-going-1", resource: .object([
            "name": .string("aks-going-1"), "location": .string("eastus"),
            "tags": .object(["karpenter.sh_nodepool": .string("general")]),
            "properties": .object(["provisioningState": .string("Deleting")]),
        ]))
        let providerID = "azure:///subscriptions/\(AzureTestFixture.subscription)/resourceGroups/\(AzureTestFixture.resourceGroup.lowercased())/providers/Microsoft.Compute/virtualMachines/aks-going-1"
        try await fixture.provider.delete(providerID: providerID)
        #expect(fixture.standIn.requests(method: "DELETE", pathContaining: "virtualMachines/").isEmpty)
        #expect(try await fixture.provider.list().isEmpty)  // deleting VMs are not listed
    }

    @Test func spotQuotaBlocksSpotAndFallsBackToOnDemand() async throws {
        let fixture = try await AzureTestFixture.start()
        defer { Task { await fixture.shutdown() } }
        fixture.standIn.injectVMCreateFailure(
            code: "OperationNotAllowed",
            message: "Operation could not be completed as it results in exceeding approved LowPriorityCores quota. Current Limit: 0.")
        let dearer = AzureTestFixture.instanceType("Standard_D4s_v3", price: 0.192)
        let launched = try await fixture.launch("spot-quota-1", types: [type, dearer], capacityTypes: ["spot", "on-demand"])
        #expect(launched.capacityType == "on-demand")
        #expect(launched.instanceType == "Standard_D2s_v3")
        #expect(fixture.unavailable.isUnavailable(OfferingKey(instanceType: "Standard_D4s_v3", zone: "eastus-2", capacityType: "spot")))
    }
}
