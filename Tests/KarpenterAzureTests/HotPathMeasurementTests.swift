import Foundation
import XCTest
import KarpenterScheduling
@testable import KarpenterAzure

/// Prints rough costs of the calls the scheduler makes most; asserts behaviour only.
final class HotPathMeasurementTests: XCTestCase {
    func testFilteringTheEastUSCatalogAgainstANodeClaim() throws {
        let instanceTypes = try AzureCatalog.embedded(region: "eastus")
        let nodeClaim = Requirements([
            .in("kubernetes.io/arch", ["amd64"]),
            .in("karpenter.sh/capacity-type", ["spot", "on-demand"]),
            .in("karpenter.azure.com/sku-family", ["D", "E"]),
            .in("topology.kubernetes.io/zone", ["eastus-1"]),
            .notIn("karpenter.azure.com/sku-version", ["1", "2"]),
            .in("kubernetes.io/hostname", ["hostname-placeholder-0001"]),
        ])
        let rounds = 50
        var matched = 0
        var start = Date()
        for _ in 0..<rounds {
            matched = 0
            for instanceType in instanceTypes where instanceType.requirements.intersects(nodeClaim) { matched += 1 }
        }
        let intersectsNanos = Date().timeIntervalSince(start) * 1e9 / Double(rounds * instanceTypes.count)
        XCTAssertGreaterThan(matched, 100)
        XCTAssertLessThan(matched, instanceTypes.count)

        var offeringChecks = 0
        var usable = 0
        start = Date()
        for _ in 0..<rounds {
            usable = 0
            for instanceType in instanceTypes {
                for offering in instanceType.offerings {
                    offeringChecks += 1
                    if offering.available && offering.isCompatible(with: nodeClaim, wellKnown: AzureLabels.wellKnown) { usable += 1 }
                }
            }
        }
        let offeringNanos = Date().timeIntervalSince(start) * 1e9 / Double(offeringChecks)
        XCTAssertGreaterThan(usable, 0)
        print(String(format: "hot path (this build): Intersects(instanceType, nodeClaim) %.0f ns/call over %d types; offering Compatible %.0f ns/call",
                     intersectsNanos, instanceTypes.count, offeringNanos))
    }
}
