import AzureProvider
import AzureStandIn
import Foundation
import KarpenterAPI
import KarpenterCloud
import Testing

@Suite("Create: capacity, quota and operation failures")
struct LaunchFailureTests {
    let cheap = AzureTestFixture.instanceType("Standard_D2s_v3", price: 0.096)
    let dearer = AzureTestFixture.instanceType("Standard_D2s_v5", price: 0.11)

    @Test func zonalAllocationFailureMarksThatZoneAndMovesOn() async throws {
        let fixture = try await AzureTestFixture.start()
        defer { Task { await fixture.shutdown() } }
        fixture.standIn.injectVMCreateFailure(code: "ZonalAllocationFailed", message: "Allocation failed in zone 1.", zone: "1", sku: "Standard_D2s_v3")
        let launched = try await fixture.launch("zonal-1", types: [cheap, dearer])
        #expect(launched.instanceType == "Standard_D2s_v3")
        #expect(launched.zone == "eastus-2")
        #expect(fixture.unavailable.isUnavailable(OfferingKey(instanceType: "Standard_D2s_v3", zone: "eastus-1", capacityType: "on-demand")))
        #expect(fixture.unavailable.isUnavailable(OfferingKey(instanceType: "Standard_D2s_v3", zone: "eastus-1", capacityType: "spot")))
        #expect(!fixture.unavailable.isUnavailable(OfferingKey(instanceType: "Standard_D2s_v3", zone: "eastus-2", capacityType: "on-demand")))
        // The failed attempt's NIC was replaced by the successful one: one VM, one NIC.
        #expect(fixture.standIn.virtualMachines.map(\.name) == ["aks-zonal-1"])
        #expect(fixture.standIn.networkInterfaces.map(\.name) == ["aks-zonal-1"])
    }

    @Test func skuNotAvailableMarksEveryZoneOfTheSkuAndTriesTheNextSku() async throws {
        let fixture = try await AzureTestFixture.start()
        defer { Task { await fixture.shutdown() } }
        fixture.standIn.injectVMCreateFailure(code: "SkuNotAvailable", message: "The requested VM size Standard_D2s_v3 is currently not available in location 'eastus'.", sku: "Standard_D2s_v3")
        let launched = try await fixture.launch("sku-1", types: [cheap, dearer])
        #expect(launched.instanceType == "Standard_D2s_v5")
        for zone in ["eastus-1", "eastus-2", "eastus-3"] {
            #expect(fixture.unavailable.isUnavailable(OfferingKey(instanceType: "Standard_D2s_v3", zone: zone, capacityType: "on-demand")))
            #expect(!fixture.unavailable.isUnavailable(OfferingKey(instanceType: "Standard_D2s_v3", zone: zone, capacityType: "spot")))
        }
        #expect(fixture.standIn.requests(method: "PUT", pathContaining: "virtualMachines/").map { $0.body?["properties"]?["hardwareProfile"]?["vmSize"]?.stringValue } == ["Standard_D2s_v3", "Standard_D2s_v5"])
    }

    @Test func failedOperationDeletesTheFailedVMAndMovesOn() async throws {
        let fixture = try await AzureTestFixture.start()
        defer { Task { await fixture.shutdown() } }
        fixture.standIn.injectVMCreateFailure(code: "ZonalAllocationFailed", message: "Allocation failed.", zone: "1", asynchronous: true)
        let launched = try await fixture.launch("async-1", types: [cheap])
        #expect(launched.zone == "eastus-2")
        let deletes = fixture.standIn.requests(method: "DELETE", pathContaining: "virtualMachines/aks-async-1")
        #expect(deletes.count == 1)
        #expect(deletes.first?.query["forceDeletion"] == "true")
        #expect(fixture.standIn.virtualMachines.map(\.zones) == [["2"]])
        #expect(fixture.standIn.virtualMachines.map(\.provisioningState) == ["Succeeded"])
    }

    @Test func failedOperationWithOtherCodeIsPermanentAndLeavesNothing() async throws {
        let fixture = try await AzureTestFixture.start()
        defer { Task { await fixture.shutdown() } }
        fixture.standIn.injectVMCreateFailure(code: "InvalidParameter", message: "The value of parameter imageReference is invalid.", asynchronous: true)
        await #expect(throws: CloudProviderError.permanent("CreateInstanceFailed: InvalidParameter: The value of parameter imageReference is invalid.")) {
            try await fixture.launch("bad-1", types: [cheap, dearer])
        }
        #expect(fixture.standIn.virtualMachines.isEmpty)
        #expect(fixture.standIn.networkInterfaces.isEmpty)
        #expect(fixture.unavailable.current().isEmpty)
    }

    @Test func everyOfferingFailingIsInsufficientCapacity() async throws {
        let fixture = try await AzureTestFixture.start()
        defer { Task { await fixture.shutdown() } }
        fixture.standIn.injectVMCreateFailure(code: "AllocationFailed", message: "Allocation failed.", count: 10)
        let error = await #expect(throws: CloudProviderError.self) {
            try await fixture.launch("ice-1", types: [cheap])
        }
        guard case .insufficientCapacity(let keys, let message)? = error else {
            Issue.record("expected insufficientCapacity, got \(String(describing: error))")
            return
        }
        #expect(message.contains("AllocationFailed"))
        #expect(Set(keys.map(\.zone)) == ["eastus-1", "eastus-2", "eastus-3"])
        // One attempt marked the whole zonal scope: no second VM PUT.
        #expect(fixture.standIn.requests(method: "PUT", pathContaining: "virtualMachines/").count == 1)
        #expect(fixture.standIn.networkInterfaces.isEmpty)
        // Launching again finds nothing left to try.
        await #expect(throws: CloudProviderError.insufficientCapacity([], message: "all requested instance types were unavailable during launch")) {
            try await fixture.launch("ice-2", types: [cheap])
        }
    }

    @Test func familyQuotaIsQuotaExceededAndTheNextSkuIsTried() async throws {
        let fixture = try await AzureTestFixture.start()
        defer { Task { await fixture.shutdown() } }
        fixture.standIn.injectVMCreateFailure(
            code: "OperationNotAllowed",
            message: "Operation could not be completed as it results in exceeding approved standardDSv3Family Cores quota. Additional details - Deployment Model: Resource Manager, Location: eastus, Current Limit: 0, Current Usage: 0, Additional Required: 2, (Minimum) New Limit Required: 2. Family Cores quota exceeded.",
            sku: "Standard_D2s_v3")
        let launched = try await fixture.launch("quota-1", types: [cheap, dearer])
        #expect(launched.instanceType == "Standard_D2s_v5")
        #expect(fixture.unavailable.isUnavailable(OfferingKey(instanceType: "Standard_D2s_v3", zone: "eastus-3", capacityType: "on-demand")))
    }

    @Test func familyQuotaWithNothingElseThrowsQuotaExceeded() async throws {
        let fixture = try await AzureTestFixture.start()
        defer { Task { await fixture.shutdown() } }
        fixture.standIn.injectVMCreateFailure(code: "OperationNotAllowed", message: "exceeding approved standardDSv3Family Cores quota. Current Limit: 10. Family Cores quota exceeded.")
        let error = await #expect(throws: CloudProviderError.self) { try await fixture.launch("quota-2", types: [cheap]) }
        guard case .quotaExceeded(let keys, _)? = error else {
            Issue.record("expected quotaExceeded, got \(String(describing: error))")
            return
        }
        #expect(keys.count == 3)
        #expect(fixture.standIn.networkInterfaces.isEmpty)
    }

    @Test func regionalCoresQuotaStopsTheLaunch() async throws {
        let fixture = try await AzureTestFixture.start()
        defer { Task { await fixture.shutdown() } }
        fixture.standIn.injectVMCreateFailure(code: "OperationNotAllowed", message: "Operation results in exceeding approved Total Regional Cores quota.")
        let error = await #expect(throws: CloudProviderError.self) { try await fixture.launch("quota-3", types: [cheap, dearer]) }
        guard case .quotaExceeded(let keys, _)? = error else {
            Issue.record("expected quotaExceeded, got \(String(describing: error))")
            return
        }
        #expect(keys.isEmpty)
        #expect(fixture.standIn.requests(method: "PUT", pathContaining: "virtualMachines/").count == 1)
    }

    @Test func throttledCallsAreRetriedAfterRetryAfter() async throws {
        let fixture = try await AzureTestFixture.start()
        defer { Task { await fixture.shutdown() } }
        _ = try await fixture.provider.list()  // a token first, so only ARM calls are throttled below
        fixture.standIn.clearRequests()
        fixture.standIn.injectThrottling(count: 2, retryAfter: 1)
        let launched = try await fixture.launch("throttled-1", types: [cheap])
        #expect(launched.instanceType == "Standard_D2s_v3")
        let first = fixture.standIn.requests.prefix(3).map(\.method)
        #expect(first == ["GET", "GET", "GET"])  // the adoption check, answered 429 twice
        #expect(fixture.standIn.virtualMachines.count == 1)
    }

    @Test func lroWithLocationHeaderOnly() async throws {
        let fixture = try await AzureTestFixture.start()
        defer { Task { await fixture.shutdown() } }
        fixture.standIn.setLROStyle(.location)
        let launched = try await fixture.launch("location-1", types: [cheap])
        try await fixture.provider.delete(providerID: launched.providerID)
        #expect(fixture.standIn.virtualMachines.isEmpty)
        #expect(fixture.standIn.requests(method: "GET", pathContaining: "/operationResults/").count >= 3)
        #expect(fixture.standIn.requests(method: "GET", pathContaining: "/operations/").isEmpty)
    }

    @Test func lroIsPolledUntilSucceeded() async throws {
        let fixture = try await AzureTestFixture.start()
        defer { Task { await fixture.shutdown() } }
        fixture.standIn.setOperationPolls(4)
        _ = try await fixture.launch("poll-1", types: [cheap])
        // NIC and VM: four InProgress answers, then Succeeded, each.
        let polls = fixture.standIn.requests(method: "GET", pathContaining: "/operations/")
        #expect(polls.count == 10)
        #expect(polls.allSatisfy { $0.authorization?.hasPrefix("Bearer ") == true })
        #expect(fixture.standIn.virtualMachines.first?.provisioningState == "Succeeded")
    }
}
