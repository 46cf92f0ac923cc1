import Foundation
import XCTest
import KarpenterScheduling
@testable import KarpenterAzure

/// Spec rules and worked examples beyond the oracle fixtures.
final class DerivationRulesTests: XCTestCase {
    func testKubeReservedUpstreamVectors() {
        let vectors: [(Int64, Double, Int64, Int64)] = [
            (4, 7, 140, 1638), (2, 8, 100, 1843), (3, 64, 120, 5611), (24, 220, 340, 11427), (128, 512, 1380, 17408),
        ]
        for (cpus, memory, millis, mebibytes) in vectors {
            XCTAssertEqual(KubeReserved.cpuMillis(vCPUs: cpus), millis, "cpu \(cpus)")
            XCTAssertEqual(KubeReserved.memoryBytes(memoryGiB: memory), mebibytes * 1_048_576, "memory \(memory)")
        }
    }

    func testWorkedAllocatableForD2sV3() throws {
        let it = try XCTUnwrap(try southCentral().instanceType(for: sku("Standard_D2s_v3")))
        XCTAssertEqual(it.capacity.memoryBytes, 7_945_689_497)
        XCTAssertEqual(it.allocatable.cpuMillis, 1900)
        XCTAssertEqual(it.allocatable.memoryBytes, 5_226_731_929)
        XCTAssertEqual(it.allocatable.pods, 250)
        XCTAssertEqual(it.allocatable.ephemeralStorageBytes, 128_000_000_000)
    }

    func testMaxPodsByNetworkPlugin() {
        let nodeClass = AzureNodeClassParameters()
        func pods(_ plugin: String, _ mode: String) -> Int64 {
            nodeClass.resolvedMaxPods(AzureOperatorOptions(region: "x", networkPlugin: plugin, networkPluginMode: mode))
        }
        XCTAssertEqual(pods("azure", "overlay"), 250)
        XCTAssertEqual(pods("azure", ""), 30)
        XCTAssertEqual(pods("none", ""), 250)
        XCTAssertEqual(pods("kubenet", ""), 110)
        XCTAssertEqual(AzureNodeClassParameters(maxPods: 42).resolvedMaxPods(AzureOperatorOptions(region: "x")), 42)
    }

    func testOfferingsZonalRegionalAndSpotCapability() throws {
        let provider = try southCentral()
        let nc = try XCTUnwrap(provider.instanceType(for: sku("Standard_NC6s_v3")))
        XCTAssertEqual(Set(nc.offerings.map(\.zone)), ["0"], "non-zonal SKU is regional only")
        XCTAssertEqual(nc.requirements.get(AzureLabels.placementScope).valueStrings, ["regional"])

        let d2 = try XCTUnwrap(provider.instanceType(for: sku("Standard_D2s_v3")))
        XCTAssertEqual(d2.offerings.count, 8)
        XCTAssertEqual(d2.requirements.get(AzureLabels.placementScope).valueStrings, ["regional", "zonal"])
        let regionalSpot = try XCTUnwrap(d2.offerings.first { $0.zone == "0" && $0.capacityType == "spot" })
        XCTAssertEqual(regionalSpot.requirements.get(AzureLabels.aksPriority).valueStrings, ["spot"])
        XCTAssertEqual(regionalSpot.requirements.get(AzureLabels.placementScope).valueStrings, ["regional"])

        let b20 = try XCTUnwrap(provider.instanceType(for: sku("Standard_B20ms")))
        XCTAssertTrue(b20.offerings.filter { $0.capacityType == "spot" }.allSatisfy { !$0.available })
        XCTAssertEqual(b20.requirements.get("karpenter.sh/capacity-type").valueStrings, ["on-demand"])
    }

    func testUltraSSDFromTopLevelAndZoneDetails() throws {
        var sku = try sku("Standard_D2as_v6")
        XCTAssertTrue(sku.bool(AzureSKU.Capability.ultraSSDAvailable))
        sku.locationInfo[0].zoneDetails = [.init(zones: ["2"], capabilities: ["UltraSSDAvailable": "True"])]
        let it = try XCTUnwrap(try southCentral().instanceType(for: sku))
        func ultra(_ zone: String) -> [String]? {
            it.offerings.first { $0.zone == zone }?.requirements.get(AzureLabels.skuStorageUltraSSD).valueStrings
        }
        XCTAssertEqual(ultra("0"), ["false", "true"])
        XCTAssertEqual(ultra("southcentralus-2"), ["false", "true"])
        XCTAssertEqual(ultra("southcentralus-3"), ["false"])
        XCTAssertEqual(it.requirements.get(AzureLabels.skuStorageUltraSSD).valueStrings, ["false", "true"])
    }

    func testUnknownSKUAndMissingPriceCost999() throws {
        let provider = AzureInstanceTypeProvider(options: AzureOperatorOptions(region: "southcentralus"),
                                                 prices: AzurePriceTable(onDemand: ["Standard_D2s_v3": 0.11]),
                                                 knownSKUs: KnownSKUs(names: ["Standard_D2s_v3", "Standard_D2_v2"]))
        let priced = try XCTUnwrap(provider.instanceType(for: sku("Standard_D2s_v3")))
        XCTAssertTrue(priced.offerings.allSatisfy { $0.price == 0.11 })
        let missing = try XCTUnwrap(provider.instanceType(for: sku("Standard_D2_v2")))
        XCTAssertTrue(missing.offerings.allSatisfy { $0.price == AzurePriceTable.missingPrice && ($0.available || $0.capacityType == "spot") })
        let unknown = try XCTUnwrap(provider.instanceType(for: sku("Standard_D4s_v3")))
        XCTAssertTrue(unknown.offerings.allSatisfy { $0.price == AzurePriceTable.missingPrice })
    }

    func testAvailabilityFromICECacheAndQuota() throws {
        let d2 = try sku("Standard_D2s_v3")
        let availability = OfferingAvailability(
            unavailableOfferings: [OfferingAvailability.offeringKey(capacityType: "spot", sku: d2.name, zone: "southcentralus-1")],
            remainingQuota: [d2.family: 1])
        let it = try XCTUnwrap(try southCentral().instanceType(for: d2, availability: availability))
        XCTAssertTrue(it.offerings.filter { $0.capacityType == "on-demand" }.allSatisfy { !$0.available }, "no quota")
        XCTAssertEqual(it.offerings.filter(\.available).map(\.zone), ["southcentralus-2", "southcentralus-3", "0"])
        XCTAssertEqual(it.requirements.get("karpenter.sh/capacity-type").valueStrings, ["spot"])
        XCTAssertEqual(it.requirements.get("topology.kubernetes.io/zone").valueStrings, ["0", "southcentralus-2", "southcentralus-3"])

        let blocked = OfferingAvailability(spotBlocked: true)
        let onDemandOnly = try XCTUnwrap(try southCentral().instanceType(for: d2, availability: blocked))
        XCTAssertEqual(onDemandOnly.requirements.get("karpenter.sh/capacity-type").valueStrings, ["on-demand"])
    }

    func testNodeClassFilters() throws {
        let document = try Fixtures.skus("southcentralus")
        let provider = try southCentral()
        func names(_ nodeClass: AzureNodeClassParameters) -> Set<String> {
            Set(provider.instanceTypes(from: document.skus, nodeClass: nodeClass).map(\.name))
        }
        let gpuSizes: Set = ["Standard_NC16as_T4_v3", "Standard_NC24ads_A100_v4", "Standard_NC6s_v3"]
        XCTAssertTrue(gpuSizes.isSubset(of: names(.init())))
        XCTAssertTrue(names(.init(imageFamily: "Unknown")).isDisjoint(with: gpuSizes))
        XCTAssertFalse(names(.init(localDNSEnabled: true)).contains("Standard_D2s_v3"))
        XCTAssertFalse(names(.init(artifactStreamingEnabled: true)).contains("Standard_D16plds_v5"))
        XCTAssertFalse(names(.init(trustedLaunch: true)).contains("Standard_D2_v2"), "Gen1 only")
        let fips = try XCTUnwrap(provider.instanceType(for: sku("Standard_D2s_v3"), nodeClass: .init(imageFamily: "AzureLinux", fipsMode: true)))
        XCTAssertEqual(fips.requirements.get(AzureLabels.aksFIPSEnabled).valueStrings, ["true"])
        XCTAssertEqual(fips.requirements.get(AzureLabels.aksOSSKU).valueStrings, ["AzureLinux"])
    }

    func testSizeNameParsing() throws {
        let cases: [(String, String, String, String?, String)] = [
            ("D2s_v3", "D", "Ds_v3", "3", ""), ("D2_v2", "D", "D_v2", "2", ""), ("DS2_v2", "D", "DS_v2", "2", ""),
            ("B20ms", "B", "Bms", "1", ""), ("NC24ads_A100_v4", "N", "NCads_v4", "4", "A100"),
            ("D16plds_v5", "D", "Dplds_v5", "5", ""), ("M416s_8_v2", "M", "Ms_v2", "2", ""),
            ("DC2as_cc_v5", "D", "DCas_v5", "5", ""),
        ]
        for (size, family, series, version, accelerator) in cases {
            let parsed = try XCTUnwrap(VMSizeName(size: size), size)
            XCTAssertEqual(parsed.family, family, size)
            XCTAssertEqual(parsed.series, series, size)
            XCTAssertEqual(parsed.versionLabel, version, size)
            XCTAssertEqual(parsed.accelerator, accelerator, size)
        }
        XCTAssertTrue(try XCTUnwrap(VMSizeName(size: "M8-2ms")).isConstrained)
        XCTAssertNil(VMSizeName(size: "d2s_v3"))
        XCTAssertNil(VMSizeName(size: "D2ns_v6x"))
    }

    func testClusterNameNormalization() {
        XCTAssertEqual(AzureLabels.normalizedClusterName("MC_rg_cluster_eastus"), "MC_rg_cluster_eastus")
        XCTAssertEqual(AzureLabels.normalizedClusterName("MC_rg(x)"), "MC_rg-x-z")
        let long = String(repeating: "a", count: 62) + "_b"
        XCTAssertEqual(AzureLabels.normalizedClusterName(long), String(repeating: "a", count: 62) + "z")
    }

    func testARMLayoutDecodes() throws {
        let json = #"""
        {"name": "Standard_D4s_v3", "size": "D4s_v3", "family": "standardDSv3Family", "resourceType": "virtualMachines",
         "locationInfo": [{"location": "EastUS", "zones": ["1", "2", "3"],
                           "zoneDetails": [{"name": ["3"], "capabilities": [{"name": "UltraSSDAvailable", "value": "True"}]}]}],
         "restrictions": [{"type": "Zone", "values": ["eastus"], "restrictionInfo": {"locations": ["eastus"], "zones": ["2"]},
                           "reasonCode": "NotAvailableForSubscription"}],
         "capabilities": [{"name": "vCPUs", "value": "4"}, {"name": "MemoryGB", "value": "16"},
                          {"name": "LowPriorityCapable", "value": "true"}]}
        """#
        let sku = try JSONDecoder().decode(AzureSKU.self, from: Data(json.utf8))
        XCTAssertEqual(sku.int("vCPUs"), 4)
        XCTAssertTrue(sku.bool("LowPriorityCapable"), "booleans compare case-insensitively")
        XCTAssertEqual(sku.zones(in: "eastus"), ["1", "3"])
        XCTAssertTrue(sku.zoneCapability("UltraSSDAvailable", zone: "3", region: "eastus"))
        XCTAssertFalse(sku.isLocationRestricted(in: "eastus"))

        var restricted = sku
        restricted.restrictions = [.init(type: "Location", values: ["eastus"], locations: ["eastus"])]
        XCTAssertEqual(SKUDiscovery.exclusionReasons(restricted, region: "eastus"), [.locationRestricted])
    }

    func testAzureWellKnownLabelsAllowUndefinedOnOfferings() throws {
        let it = try XCTUnwrap(try southCentral().instanceType(for: sku("Standard_D2s_v3")))
        let nodeClaim = Requirements([.in("karpenter.sh/capacity-type", ["spot"]), .in("topology.kubernetes.io/zone", ["southcentralus-2"])])
        let usable = it.compatibleOfferings(nodeClaim, wellKnown: AzureLabels.wellKnown)
        XCTAssertEqual(usable.map(\.zone), ["southcentralus-2"])
        XCTAssertEqual(usable.map(\.capacityType), ["spot"])
        XCTAssertTrue(it.compatibleOfferings(nodeClaim, wellKnown: SchedulingLabel.core).isEmpty,
                      "without the Azure keys, offering-only labels count as undefined")
    }

    private func southCentral() throws -> AzureInstanceTypeProvider {
        AzureInstanceTypeProvider(options: AzureOperatorOptions(region: "southcentralus"),
                                  prices: AzurePriceTable(onDemand: try Fixtures.onDemandPrices("southcentralus")))
    }

    private func sku(_ name: String) throws -> AzureSKU {
        try XCTUnwrap(try Fixtures.skus("southcentralus").skus.first { $0.name == name }, name)
    }
}
