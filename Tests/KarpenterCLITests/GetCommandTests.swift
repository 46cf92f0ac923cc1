import ArgumentParser
import Foundation
@testable import KarpenterCLI
import KarpenterScheduling
import XCTest

final class GetCommandTests: XCTestCase {
    func testAcceptsSingularPluralShortAndQualifiedNames() throws {
        let cases: [(String, GetView)] = [
            ("nodepool", .nodePools), ("nodepools", .nodePools), ("np", .nodePools), ("nodepools.karpenter.sh", .nodePools),
            ("nodeclaim", .nodeClaims), ("NodeClaims", .nodeClaims), ("nc", .nodeClaims),
            ("node", .nodes), ("nodes", .nodes), ("no", .nodes),
        ]
        for (argument, view) in cases {
            XCTAssertEqual(try GetCommand.parse([argument]).request().view, view, argument)
        }
    }

    func testNameFormsAndFlags() throws {
        let slash = try GetCommand.parse(["nodeclaim/default-abcde", "-o", "yaml"]).request()
        XCTAssertEqual(slash.view, .nodeClaims)
        XCTAssertEqual(slash.name, "default-abcde")
        XCTAssertEqual(slash.output, .yaml)
        let spaced = try GetCommand.parse(["np", "default", "--no-headers", "-o", "wide"]).request()
        XCTAssertEqual(spaced.name, "default")
        XCTAssertTrue(spaced.noHeaders)
        XCTAssertEqual(spaced.output, .wide)
        let connected = try GetCommand.parse(["nodes", "-l", "karpenter.sh/nodepool=default", "--context", "aks-prod", "--kubeconfig", "/tmp/k"])
        XCTAssertEqual(connected.selector, "karpenter.sh/nodepool=default")
        XCTAssertEqual(connected.connection.context, "aks-prod")
        XCTAssertEqual(connected.connection.kubeconfig, "/tmp/k")
    }

    func testRejectsUnknownTypesAndBadOutputsAsUsageErrors() {
        XCTAssertThrowsError(try GetCommand.parse(["pods"])) { error in
            XCTAssertEqual(GetCommand.exitCode(for: error), ExitCode(64))
            XCTAssertTrue(GetCommand.message(for: error).contains("unknown resource type \"pods\""), GetCommand.message(for: error))
        }
        XCTAssertThrowsError(try GetCommand.parse(["nodes", "-o", "table"]))
        XCTAssertThrowsError(try GetCommand.parse(["np/default", "other"]))
    }

    func testAsksTheClusterForWhatTheTableNeedsAndRendersIt() async throws {
        let source = FixtureClusterSource(LiveClusterFixtures.objects())
        let command = try GetCommand.parse(["nodes", "-l", "kubernetes.io/arch=amd64", "-o", "name"])
        let output = try await command.output(from: source, now: LiveClusterFixtures.now, prices: LiveClusterFixtures.prices)
        XCTAssertEqual(output.stdout, "node/aks-system-12345678-vmss000000\nnode/aks-default-abcde\nnode/aks-default-fghij")
        let query = try XCTUnwrap(source.asked.first)
        XCTAssertEqual(query.resources, [.nodes, .nodeClaims, .pods])
        XCTAssertEqual(query.labelSelector(for: .nodes), "kubernetes.io/arch=amd64")
        XCTAssertNil(query.labelSelector(for: .pods), "the selector is for the listed resource only")
        XCTAssertEqual(query.fieldSelector(for: .pods), "status.phase!=Succeeded,status.phase!=Failed")
        XCTAssertNil(query.namespace(for: .pods), "pods of every namespace count on a node")
    }

    func testNodePoolsNeedTheirNodeClaimsAndNodeClaimsNothingElse() {
        XCTAssertEqual(GetView.nodePools.query(selector: nil).resources, [.nodePools, .nodeClaims])
        XCTAssertEqual(GetView.nodeClaims.query(selector: "a=b").resources, [.nodeClaims])
        XCTAssertEqual(GetView.nodeClaims.query(selector: "a=b").labelSelector(for: .nodeClaims), "a=b")
    }

    func testTheEmbeddedCatalogPricesTheClustersRegion() async throws {
        let source = FixtureClusterSource(LiveClusterFixtures.objects())
        let output = try await GetCommand.parse(["nodes"]).output(from: source, now: LiveClusterFixtures.now)
        XCTAssertEqual(output.stderr, "")
        let system = try XCTUnwrap(output.stdout.split(separator: "\n").first { $0.hasPrefix("aks-system") })
        XCTAssertTrue(system.contains("$0.0960"), "Standard_D2s_v5 on-demand in eastus: \(system)")
        XCTAssertEqual(ClusterCatalog.detectedRegion(LiveClusterFixtures.objects()), "eastus")
        XCTAssertEqual(ClusterCatalog.region(for: ClusterObjects(), override: "westeurope").warning,
                       "warning: no embedded Azure catalog for region \"westeurope\"; prices and instance types are eastus's")
    }
}
