import AzureProvider
import AzureStandIn
import Foundation
import KarpenterAPI
import KarpenterAzure
import Testing

@Suite("Ephemeral OS disks")
struct EphemeralOSDiskTests {
    static func nodeClass(osDiskSizeGB: Int) -> AKSNodeClass {
        AKSNodeClass(metadata: ObjectMeta(name: "default"), spec: AKSNodeClassSpec(osDiskSizeGB: osDiskSizeGB, imageFamily: .ubuntu2204))
    }

    static func osDisk(_ fixture: AzureTestFixture, _ vm: String) throws -> JSONValue {
        let put = try #require(fixture.standIn.requests(method: "PUT", pathContaining: "virtualMachines/\(vm)").first?.body)
        return try #require(put["properties"]?["storageProfile"]?["osDisk"])
    }

    /// The catalog's own figure for the SKU, so the test follows the embedded data.
    static func disk(_ sku: String) throws -> EphemeralOSDisk {
        let skus = try AzureCatalog.embeddedData(region: "eastus").skus
        return EphemeralOSDisk(sku: try #require(skus.first { $0.name == sku }))
    }

    @Test func anOSDiskThatFitsTheLocalDiskIsEphemeral() async throws {
        let fixture = try await AzureTestFixture.start()
        defer { Task { await fixture.shutdown() } }
        let local = try Self.disk("Standard_D4ds_v5")
        #expect(local.maxSizeGB >= 64, "Standard_D4ds_v5 has local storage for a 64 GB OS disk")
        _ = try await fixture.launch("eph-1", types: [AzureTestFixture.instanceType("Standard_D4ds_v5", price: 0.226)],
                                     nodeClass: Self.nodeClass(osDiskSizeGB: 64))
        let disk = try Self.osDisk(fixture, "aks-eph-1")
        #expect(disk["caching"]?.stringValue == "ReadOnly")
        #expect(disk["diffDiskSettings"]?["option"]?.stringValue == "Local")
        #expect(disk["diffDiskSettings"]?["placement"]?.stringValue == local.placement?.rawValue)
        #expect(disk["diskSizeGB"]?.integerValue == 64)
    }

    @Test func anOSDiskTooLargeForTheLocalDiskOrASKUWithoutOneIsManaged() async throws {
        let fixture = try await AzureTestFixture.start()
        defer { Task { await fixture.shutdown() } }
        let local = try Self.disk("Standard_D4ds_v5")
        let tooLarge = Int(local.maxSizeGB) + 1
        _ = try await fixture.launch("eph-2", types: [AzureTestFixture.instanceType("Standard_D4ds_v5", price: 0.226)],
                                     nodeClass: Self.nodeClass(osDiskSizeGB: tooLarge))
        #expect(try Self.osDisk(fixture, "aks-eph-2")["diffDiskSettings"] == nil)
        #expect(try Self.disk("Standard_D4s_v5").maxSizeGB == 0, "Standard_D4s_v5 has no local disk")
        _ = try await fixture.launch("eph-3", types: [AzureTestFixture.instanceType("Standard_D4s_v5", price: 0.192)],
                                     nodeClass: Self.nodeClass(osDiskSizeGB: 64))
        let managed = try Self.osDisk(fixture, "aks-eph-3")
        #expect(managed["diffDiskSettings"] == nil)
        #expect(managed["caching"] == nil)
        #expect(managed["managedDisk"]?["storageAccountType"] != nil)
    }
}
