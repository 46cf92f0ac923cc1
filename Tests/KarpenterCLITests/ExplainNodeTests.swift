import Foundation
import XCTest

/// `kubectl karpenter explain node`: why a node exists and why it is or is not being
/// disrupted, with Karpenter's events, against the in-process API server.
final class ExplainNodeTests: XCTestCase {
    typealias F = DisruptNodeFixtures

    func testAConsolidatableNodeThatKarpenterWouldReplace() async throws {
        let event = F.event("big.1", kind: "NodeClaim", object: "big", reason: "DisruptionLaunching",
                            message: "Launching NodeClaim: Underutilized")
        let outcome = try await F.run(DisruptNodeTests.needsReplacement + [event], ["explain", "node", "big"])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        let text = outcome.stdout
        XCTAssertTrue(text.contains("Node big\n  why it exists:  Karpenter launched it for NodePool general (NodeClaim big, created"), text)
        XCTAssertTrue(text.contains("offering:       Standard_D8s_v5, eastus-1, on-demand, $0."), text)
        XCTAssertTrue(text.contains("expires:        in 29d"), text)
        XCTAssertTrue(text.contains("apps/web-1  Running, ReplicaSet/web-1-rs"), text)
        XCTAssertTrue(text.contains("Disruption now: Karpenter would disrupt it now ("), text)
        XCTAssertTrue(text.contains("reason Underutilized): replace"), text)
        XCTAssertTrue(text.contains("consolidatable: consolidatable"), text)
        XCTAssertTrue(text.contains("budgets (NodePool general): Empty 1, Underutilized 1, Drifted 1 disruption(s) left per reason"), text)
        XCTAssertTrue(text.contains("Events from Karpenter about the node (newest first):\n  DisruptionLaunching "), text)
        XCTAssertTrue(text.contains("s ago (x2 over 10m) karpenter: Launching NodeClaim: Underutilized"), text)
    }

    func testANodeBlockedByAPDBNamesItAndQuotesTheEvent() async throws {
        let event = F.event("node-a.1", kind: "Node", object: "node-a", reason: "DisruptionBlocked",
                            message: "Pdb \\\"apps/web\\\" prevents pod evictions", type: "Warning")
        let outcome = try await F.run(DisruptNodeTests.fitsElsewhere + [F.blockingPDB(), event], ["explain", "node", "node-a"])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertTrue(outcome.stdout.contains("Disruption now: blocked: pdb \"apps/web\" prevents pod evictions"), outcome.stdout)
        XCTAssertTrue(outcome.stdout.contains("  DisruptionBlocked "), outcome.stdout)
        XCTAssertTrue(outcome.stdout.contains("s ago (x2 over 10m) karpenter: Pdb \"apps/web\" prevents pod evictions"), outcome.stdout)
    }

    func testConsolidateAfterNotElapsedSaysHowLongIsLeft() async throws {
        let yaml = [F.nodePool(consolidateAfter: "5m"), F.karpenterNode("node-a", lastPodEvent: F.timestamp(-20)),
                    F.karpenterNode("node-b"), F.pod("web-1", node: "node-a")]
        let outcome = try await F.run(yaml, ["explain", "node", "node-a", "-o", "json"])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        let root = try F.json(outcome.stdout)
        let disruption = try XCTUnwrap(root["disruption"] as? [String: Any], outcome.stdout)
        let summary = disruption["summary"] as? String ?? ""
        XCTAssertTrue(summary.hasPrefix("not consolidated yet: consolidateAfter has not elapsed since the last pod event ("), summary)
        let consolidatable = try XCTUnwrap(disruption["consolidatable"] as? [String: Any])
        XCTAssertEqual(consolidatable["state"] as? String, "Waiting")
        let left = consolidatable["secondsLeft"] as? Int ?? 0
        XCTAssertTrue((240...281).contains(left), "about 280s of 5m left, got \(left)")
        XCTAssertEqual(root["managed"] as? Bool, true)
        XCTAssertEqual(root["nodeClaim"] as? String, "node-a")
        XCTAssertNotNil(root["expiresAt"] as? String)
        XCTAssertEqual((disruption["budgets"] as? [String: Any])?["Underutilized"] as? Int, 1)
    }

    func testANodeKarpenterDoesNotManage() async throws {
        let outcome = try await F.run([F.nodePool(), F.systemNode], ["explain", "node", "aks-system-12345678-vmss000000"])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertTrue(outcome.stdout.contains("not launched by Karpenter (no NodeClaim); it belongs to AKS node pool system"), outcome.stdout)
        XCTAssertTrue(outcome.stdout.contains("Disruption now: not managed by Karpenter"), outcome.stdout)
        XCTAssertTrue(outcome.stdout.contains("kubectl drain aks-system-12345678-vmss000000"), outcome.stdout)
    }

    func testAMissingNodeFailsLikeKubectl() async throws {
        let outcome = try await F.run([F.nodePool()], ["explain", "node", "nope"])
        XCTAssertEqual(outcome.status, 1)
        XCTAssertTrue(outcome.stderr.hasPrefix("Error from server (NotFound): nodes \"nope\" not found"), outcome.stderr)
        XCTAssertTrue(outcome.stderr.contains("kubectl karpenter get nodeclaims"), outcome.stderr)
    }

    func testHelpShowsExamples() throws {
        let help = try PluginProcess.run(["explain", "node", "--help"])
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.stdout.contains("kubectl karpenter explain node aks-general-abcde"), help.stdout)
    }
}
