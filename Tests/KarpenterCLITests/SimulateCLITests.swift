import Foundation
import XCTest

final class SimulateCLITests: XCTestCase {
    func testBuiltInExampleRunsWithNoArguments() throws {
        let outcome = try PluginProcess.run(["simulate"])
        XCTAssertEqual(outcome.status, 0, outcome.stdout + outcome.stderr)
        XCTAssertTrue(outcome.stdout.contains("built-in example"), outcome.stdout)
        XCTAssertTrue(outcome.stdout.contains("NodeClaims to launch"), outcome.stdout)
        XCTAssertTrue(outcome.stdout.contains("shop/web-0"), outcome.stdout)
        XCTAssertTrue(outcome.stdout.contains("Unschedulable pods (1)"), outcome.stdout)
        XCTAssertTrue(outcome.stdout.contains("ml/trainer"), outcome.stdout)
        XCTAssertTrue(outcome.stdout.contains("Totals:"), outcome.stdout)
        XCTAssertTrue(outcome.stdout.contains("/hour"), outcome.stdout)
    }

    func testJSONIsTheDocumentedShape() throws {
        let outcome = try PluginProcess.run(["simulate", "-o", "json"])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        let root = try SimulationFixtures.json(outcome.stdout)
        let claims = try XCTUnwrap(root["nodeClaims"] as? [[String: Any]])
        XCTAssertFalse(claims.isEmpty)
        for claim in claims {
            for key in ["name", "nodePool", "instanceType", "instanceTypes", "zone", "capacityType", "price", "labels", "pods"] {
                XCTAssertNotNil(claim[key], "nodeClaims[].\(key) missing")
            }
            let types = try XCTUnwrap(claim["instanceTypes"] as? [String])
            XCTAssertEqual(types.first, claim["instanceType"] as? String, "the launch pick is the cheapest option")
            XCTAssertTrue((claim["pods"] as? [String])?.allSatisfy { $0.contains("/") } ?? false, "pods are namespace/name")
            let options = try XCTUnwrap(claim["options"] as? [[String: Any]])
            let prices = options.compactMap { ($0["price"] as? NSNumber)?.doubleValue }
            XCTAssertEqual(prices, prices.sorted(), "cheapest first")
        }
        XCTAssertNotNil(root["existingNodes"] as? [String: Any])
        let unschedulable = try XCTUnwrap(root["unschedulable"] as? [[String: Any]])
        XCTAssertEqual(unschedulable.first?["pod"] as? String, "ml/trainer")
        XCTAssertNotNil(unschedulable.first?["reason"] as? String)
        XCTAssertNotNil(unschedulable.first?["code"] as? String)
        let totals = try XCTUnwrap(root["totals"] as? [String: Any])
        XCTAssertEqual(totals["nodeClaims"] as? Int, claims.count)
        XCTAssertNotNil(totals["pricePerHour"] as? NSNumber)
        XCTAssertNotNil(totals["utilization"] as? [String: Any])
    }

    func testYAMLOutputParses() throws {
        let outcome = try PluginProcess.run(["simulate", "-o", "yaml"])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertTrue(outcome.stdout.contains("nodeClaims:"), outcome.stdout)
        XCTAssertTrue(outcome.stdout.contains("totals:"), outcome.stdout)
    }

    func testUserCatalogReplacesTheEmbeddedOne() throws {
        let files = try SimulationFixtures.write([
            SimulationFixtures.nodePool(), SimulationFixtures.nodeClass,
            SimulationFixtures.pod("a", cpu: "500m"), SimulationFixtures.pod("b", cpu: "6"),
        ])
        let outcome = try PluginProcess.run(["simulate", "-f", files.manifests, "--instance-types", files.catalog, "-o", "json"])
        XCTAssertEqual(outcome.status, 0, outcome.stdout + outcome.stderr)
        let root = try SimulationFixtures.json(outcome.stdout)
        let claims = try XCTUnwrap(root["nodeClaims"] as? [[String: Any]])
        let launched = Set(claims.compactMap { $0["instanceType"] as? String })
        XCTAssertTrue(launched.isSubset(of: ["small-2x8", "large-8x32"]), "\(launched)")
        XCTAssertTrue(launched.contains("large-8x32"), "6 cpu only fits the large type")
        XCTAssertEqual((root["instanceTypeSource"] as? String)?.contains("catalog"), true)
    }

    func testInvalidNodePoolIsReportedWithFileAndLineAndExitsOne() throws {
        let broken = SimulationFixtures.nodePool(name: "broken", extra: "weight: 0")
        let files = try SimulationFixtures.write([broken, SimulationFixtures.nodeClass, SimulationFixtures.pod("a")])
        let outcome = try PluginProcess.run(["simulate", "-f", files.manifests, "--instance-types", files.catalog])
        XCTAssertEqual(outcome.status, 1, outcome.stdout + outcome.stderr)
        XCTAssertTrue(outcome.stderr.contains("manifests.yaml:5:"), outcome.stderr)
        XCTAssertTrue(outcome.stderr.contains("NodePool/broken"), outcome.stderr)
        XCTAssertTrue(outcome.stdout.contains("Totals:"), "the plan is still printed: \(outcome.stdout)")
    }

    func testBadCatalogFileNamesTheLine() throws {
        let files = try SimulationFixtures.write([SimulationFixtures.pod("a")])
        try """
        kind: InstanceTypeCatalog
        instanceTypes:
          - name: x
            capacity: {cpu: lots}
            offerings: [{zone: a, capacityType: spot, price: 1}]
        """.write(toFile: files.catalog, atomically: true, encoding: .utf8)
        let outcome = try PluginProcess.run(["simulate", "-f", files.manifests, "--instance-types", files.catalog])
        XCTAssertEqual(outcome.status, 1)
        XCTAssertTrue(outcome.stderr.contains("catalog.yaml:4:"), outcome.stderr)
    }

    func testMissingFileAndUnknownRegionAreUsageErrors() throws {
        XCTAssertEqual(try PluginProcess.run(["simulate", "-f", "/nonexistent/x.yaml"]).status, 64)
        let region = try PluginProcess.run(["simulate", "--region", "marsnorth"])
        XCTAssertEqual(region.status, 64)
        XCTAssertTrue(region.stderr.contains("eastus"), region.stderr)
    }

    func testNodePoolWithoutNodeClassIsExplained() throws {
        let files = try SimulationFixtures.write([SimulationFixtures.nodePool(), SimulationFixtures.pod("a")])
        let outcome = try PluginProcess.run(["simulate", "-f", files.manifests])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertTrue(outcome.stdout.contains("AKSNodeClass/default is not in the input"), outcome.stdout)
        XCTAssertTrue(outcome.stdout.contains("apps/a"), outcome.stdout)
    }

    func testUserCatalogNeedsNoNodeClass() throws {
        let files = try SimulationFixtures.write([SimulationFixtures.nodePool(), SimulationFixtures.pod("a")])
        let outcome = try PluginProcess.run(["simulate", "-f", files.manifests, "--instance-types", files.catalog, "-o", "json"])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        let plan = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as! [String: Any]
        XCTAssertEqual((plan["nodeClaims"] as? [Any])?.count, 1, outcome.stdout)
    }
}
