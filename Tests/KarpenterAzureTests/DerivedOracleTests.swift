import Foundation
import XCTest
import KarpenterScheduling
@testable import KarpenterAzure

/// Every field of `instancetypes_derived_<region>.json` for every SKU of the matching fixture.
final class DerivedOracleTests: XCTestCase {
    func testSouthCentralUSMatchesOracle() throws { try checkRegion("southcentralus") }
    func testWestCentralUSMatchesOracle() throws { try checkRegion("westcentralus") }

    private static let checkedFields: Set<String> = [
        "name", "size", "azureFamily", "region", "excluded", "excludedReasons", "zonesARM", "zoneLabelValues",
        "spotCapable(LowPriorityCapable)", "labels", "ephemeralOSDiskPlacement", "capacity", "kubeReserved",
        "evictionHard", "knownSKU", "staticOnDemandPrice",
    ]

    private func checkRegion(_ region: String) throws {
        let document = try Fixtures.skus(region)
        XCTAssertEqual(document.region, region)
        let oracle = try Fixtures.derived(region)
        XCTAssertEqual(oracle.count, document.skus.count)
        let prices = AzurePriceTable(onDemand: try Fixtures.onDemandPrices(region))
        let provider = AzureInstanceTypeProvider(options: AzureOperatorOptions(region: region), prices: prices)
        var noOverhead = provider
        noOverhead.options.vmMemoryOverheadPercent = 0
        let skusByName = Dictionary(uniqueKeysWithValues: document.skus.map { ($0.name, $0) })

        for expected in oracle {
            let name = try XCTUnwrap(expected["name"] as? String)
            XCTAssertEqual(Set(expected.keys), Self.checkedFields, "\(name): oracle has fields this test does not check")
            let sku = try XCTUnwrap(skusByName[name], name)
            let facts = try XCTUnwrap(provider.facts(for: sku), "\(name) should parse")
            let instanceType = try XCTUnwrap(provider.instanceType(for: sku), name)

            XCTAssertEqual(sku.size, expected["size"] as? String, name)
            XCTAssertEqual(sku.family, expected["azureFamily"] as? String, name)
            XCTAssertEqual(region, expected["region"] as? String, name)

            let reasons = SKUDiscovery.exclusionReasons(sku, region: region).map(\.rawValue)
            XCTAssertEqual(reasons, expected["excludedReasons"] as? [String], name)
            XCTAssertEqual(!reasons.isEmpty, expected["excluded"] as? Bool, name)

            XCTAssertEqual(facts.armZones, expected["zonesARM"] as? [String], name)
            var zones: [String] = []
            for offering in instanceType.offerings where !zones.contains(offering.zone) { zones.append(offering.zone) }
            XCTAssertEqual(zones, expected["zoneLabelValues"] as? [String], name)
            XCTAssertEqual(instanceType.offerings.count, 2 * zones.count, name)

            let spotCapable = try XCTUnwrap(expected["spotCapable(LowPriorityCapable)"] as? Bool)
            XCTAssertEqual(facts.lowPriorityCapable, spotCapable, name)
            for offering in instanceType.offerings {
                XCTAssertEqual(offering.available, offering.capacityType == "on-demand" || spotCapable, "\(name) \(offering.zone) \(offering.capacityType)")
            }
            XCTAssertEqual(instanceType.requirements.get("karpenter.sh/capacity-type").valueStrings,
                           spotCapable ? ["on-demand", "spot"] : ["on-demand"], name)
            XCTAssertEqual(instanceType.requirements.get("topology.kubernetes.io/zone").valueStrings, zones.sorted(), name)

            try checkLabels(expected, instanceType, name)
            XCTAssertEqual(facts.ephemeralOSDisk.placement?.rawValue, expected["ephemeralOSDiskPlacement"] as? String, name)

            let capacity = try XCTUnwrap(expected["capacity"] as? [String: Any])
            XCTAssertEqual(instanceType.capacity.cpuMillis, try XCTUnwrap(Int64(capacity["cpu"] as? String ?? "")) * 1000, name)
            XCTAssertEqual(instanceType.capacity.memoryBytes,
                           (capacity["memoryBytes(vmMemoryOverheadPercent=0.075)"] as? NSNumber)?.int64Value, name)
            XCTAssertEqual(noOverhead.instanceType(for: sku)?.capacity.memoryBytes,
                           (capacity["memoryBytes(vmMemoryOverheadPercent=0)"] as? NSNumber)?.int64Value, name)
            XCTAssertEqual(instanceType.capacity["nvidia.com/gpu"], (capacity["nvidia.com/gpu"] as? NSNumber)?.int64Value, name)
            XCTAssertEqual(instanceType.capacity["amd.com/gpu"], (capacity["amd.com/gpu"] as? NSNumber)?.int64Value, name)
            XCTAssertEqual(Set(capacity.keys).count, 5, name)

            let reserved = try XCTUnwrap(expected["kubeReserved"] as? [String: String])
            XCTAssertEqual(instanceType.overhead.kubeReserved.cpuMillis, try Self.millicores(reserved["cpu"]), name)
            XCTAssertEqual(instanceType.overhead.kubeReserved.memoryBytes, try Self.mebibytes(reserved["memory"]), name)
            XCTAssertEqual(Set(reserved.keys), ["cpu", "memory"], name)
            let eviction = try XCTUnwrap(expected["evictionHard"] as? [String: String])
            XCTAssertEqual(Set(eviction.keys), ["memory.available"], name)
            XCTAssertEqual(instanceType.overhead.evictionThreshold.memoryBytes, try Self.mebibytes(eviction["memory.available"]), name)
            XCTAssertEqual(instanceType.overhead.systemReserved, .zero, name)

            let known = try XCTUnwrap(expected["knownSKU"] as? Bool)
            XCTAssertEqual(KnownSKUs.upstream.contains(name), known, name)
            let staticPrice = try XCTUnwrap((expected["staticOnDemandPrice"] as? NSNumber)?.doubleValue)
            XCTAssertEqual(prices.onDemandPrice(name), staticPrice, name)
            for offering in instanceType.offerings {
                // No spot prices in the static table: spot uses the on-demand price; unknown SKUs cost 999.
                XCTAssertEqual(offering.price, known ? staticPrice : AzurePriceTable.missingPrice, name)
            }
        }

        let listed = provider.instanceTypes(from: document.skus).map(\.name)
        let included = oracle.filter { $0["excluded"] as? Bool == false }.compactMap { $0["name"] as? String }
        XCTAssertEqual(listed, included)
    }

    private func checkLabels(_ expected: [String: Any], _ instanceType: InstanceType, _ name: String) throws {
        let labels = try XCTUnwrap(expected["labels"] as? [String: Any])
        for (rawKey, value) in labels {
            let key = rawKey.replacingOccurrences(of: "(restricted)", with: "")
            let requirement = try XCTUnwrap(instanceType.requirements[key], "\(name): missing \(key)")
            switch value {
            case let text as String:
                XCTAssertEqual(requirement.operator, .in, "\(name) \(key)")
                XCTAssertEqual(requirement.valueStrings, [text], "\(name) \(key)")
            case let list as [String]:
                XCTAssertEqual(requirement.operator, .in, "\(name) \(key)")
                XCTAssertEqual(requirement.valueStrings, list.sorted(), "\(name) \(key)")
            case is NSNull:
                XCTAssertEqual(requirement.operator, .doesNotExist, "\(name) \(key)")
            default:
                XCTFail("\(name) \(key): unexpected oracle value \(value)")
            }
        }
    }

    static func millicores(_ text: String?) throws -> Int64 {
        let text = try XCTUnwrap(text)
        return text.hasSuffix("m") ? try XCTUnwrap(Int64(text.dropLast())) : try XCTUnwrap(Int64(text)) * 1000
    }

    static func mebibytes(_ text: String?) throws -> Int64 {
        let text = try XCTUnwrap(text)
        XCTAssertTrue(text.hasSuffix("Mi"), text)
        return try XCTUnwrap(Int64(text.dropLast(2))) * 1_048_576
    }
}
