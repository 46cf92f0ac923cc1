import Foundation
import XCTest
import KarpenterScheduling
@testable import KarpenterAzure

final class EmbeddedCatalogTests: XCTestCase {
    func testRegionsListEastUS() {
        XCTAssertEqual(AzureCatalog.regions, ["eastus"])
    }

    func testUnknownRegionIsAnError() {
        XCTAssertThrowsError(try AzureCatalog.embedded(region: "mars")) { error in
            XCTAssertEqual(error as? AzureCatalogError, .unknownRegion("mars", available: ["eastus"]))
        }
    }

    func testEmbeddedDataHasEverySKUWithPrices() throws {
        let data = try AzureCatalog.embeddedData(region: "eastus")
        XCTAssertEqual(data.skus.count, 901)
        XCTAssertEqual(data.prices.onDemandPrice("Standard_D4s_v5"), 0.192)
        XCTAssertTrue(data.skus.allSatisfy { data.prices.onDemandPrice($0.name) != nil })
    }

    func testEastUSDerivesStandardD4sV5() throws {
        let start = Date()
        let instanceTypes = try AzureCatalog.embedded(region: "eastus")
        let elapsed = Date().timeIntervalSince(start)
        print("embedded eastus catalog: \(instanceTypes.count) instance types derived in \(String(format: "%.1f", elapsed * 1000)) ms")

        let d4 = try XCTUnwrap(instanceTypes.first { $0.name == "Standard_D4s_v5" })
        let r = d4.requirements
        XCTAssertEqual(r.get("karpenter.azure.com/sku-family").valueStrings, ["D"])
        XCTAssertEqual(r.get("karpenter.azure.com/sku-series").valueStrings, ["Ds_v5"])
        XCTAssertEqual(r.get("karpenter.azure.com/sku-version").valueStrings, ["5"])
        XCTAssertEqual(r.get("karpenter.azure.com/sku-cpu").valueStrings, ["4"])
        XCTAssertEqual(r.get("karpenter.azure.com/sku-memory").valueStrings, ["16384"])
        XCTAssertEqual(r.get("kubernetes.io/arch").valueStrings, ["amd64"])
        XCTAssertEqual(r.get("topology.kubernetes.io/region").valueStrings, ["eastus"])
        XCTAssertEqual(r.get("topology.kubernetes.io/zone").valueStrings, ["0", "eastus-1", "eastus-2", "eastus-3"])
        XCTAssertEqual(r.get("karpenter.sh/capacity-type").valueStrings, ["on-demand", "spot"])
        XCTAssertEqual(r.get("karpenter.azure.com/sku-hyperv-generation").valueStrings, ["1", "2"])
        XCTAssertEqual(r.get("karpenter.azure.com/sku-gpu-name").operator, .doesNotExist)

        XCTAssertEqual(d4.capacity.cpuMillis, 4000)
        // 16 GiB − ceil(7.5 %)
        XCTAssertEqual(d4.capacity.memoryBytes, 17_179_869_184 - 1_288_490_189)
        XCTAssertEqual(d4.capacity.pods, 250)
        XCTAssertEqual(d4.allocatable.cpuMillis, 4000 - 140)

        let onDemand = try XCTUnwrap(d4.offerings.first { $0.capacityType == "on-demand" && $0.zone == "eastus-1" })
        let spot = try XCTUnwrap(d4.offerings.first { $0.capacityType == "spot" && $0.zone == "eastus-1" })
        XCTAssertEqual(onDemand.price, 0.192)
        XCTAssertEqual(spot.price, 0.02112)
        XCTAssertTrue(spot.available)
    }

    func testDiscoveryDropsConfidentialAndConstrainedSizes() throws {
        let names = Set(try AzureCatalog.embedded(region: "eastus").map(\.name))
        XCTAssertFalse(names.contains("Standard_DC8s_v3"))
        XCTAssertFalse(names.contains("Standard_E16-4s_v5"))
        XCTAssertFalse(names.contains("Standard_B1s"))
        XCTAssertTrue(names.contains("Standard_NC24ads_A100_v4"))
        XCTAssertTrue(names.contains("Standard_D16plds_v5"))
    }

    func testSpotFallsBackToOnDemandPriceWhenNoSpotPriceIsKnown() throws {
        let data = try AzureCatalog.embeddedData(region: "eastus")
        let withoutSpot = try XCTUnwrap(data.skus.first {
            data.prices.onDemand[$0.name] != nil && data.prices.spot[$0.name] == data.prices.onDemand[$0.name]
        })
        XCTAssertEqual(data.prices.spotPrice(withoutSpot.name), data.prices.onDemandPrice(withoutSpot.name))
    }
}

