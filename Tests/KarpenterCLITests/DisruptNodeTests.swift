import Foundation
import XCTest

/// `kubectl karpenter disrupt node`: the real plugin binary against the in-process API server
/// over HTTPS — dry runs (pods that fit elsewhere, a replacement, PDB and do-not-disrupt
/// blockers, JSON), the NodeClaim deletion, --wait, and refusals.
final class DisruptNodeTests: XCTestCase {
    typealias F = DisruptNodeFixtures

    /// node-a's pod fits on node-b: removing node-a is a plain delete that saves its price.
    static let fitsElsewhere = [F.nodePool(), F.karpenterNode("node-a"), F.karpenterNode("node-b", zone: "eastus-2"),
                                F.pod("web-1", node: "node-a", labels: "{app: web}"),
                                F.pod("db-1", node: "node-b", labels: "{app: db}")]

    /// A lone 8-core node with a 1-core pod: its pod needs a new, smaller node.
    static let needsReplacement = [F.nodePool(), F.karpenterNode("big", type: "Standard_D8s_v5", cpu: "8", allocatableCPU: "7820m"),
                                   F.pod("web-1", node: "big", labels: "{app: web}")]

    func testDryRunForAPodThatFitsElsewhereDeletesAndSaves() async throws {
        let outcome = try await F.run(Self.fitsElsewhere, ["disrupt", "node", "node-a", "--dry-run"])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        let text = outcome.stdout
        XCTAssertTrue(text.contains("Dry run: removing node node-a (NodeClaim node-a, NodePool general; Standard_D4s_v5, eastus-1, on-demand, $0."), text)
        XCTAssertTrue(text.contains("apps/web-1  -> node node-b (existing)"), text)
        XCTAssertFalse(text.contains("New NodeClaims"), text)
        XCTAssertTrue(text.contains("for replacements: -$0."), text)
        XCTAssertTrue(text.contains("nothing blocks evicting the pods"), text)
        XCTAssertTrue(text.contains("would delete NodeClaim node-a"), text)
        XCTAssertTrue(text.contains("budgets (NodePool general): Empty 1, Underutilized 1, Drifted 1 disruption(s) left per reason"), text)
    }

    func testDryRunForAPodThatNeedsAReplacementNamesTheNewNodeClaimAndItsPrice() async throws {
        let outcome = try await F.run(Self.needsReplacement, ["disrupt", "node", "big", "--dry-run"])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        let text = outcome.stdout
        let move = text.split(separator: "\n").first { $0.contains("apps/web-1  -> ") }.map(String.init) ?? ""
        XCTAssertTrue(move.contains("-> new NodeClaim "), text)
        XCTAssertTrue(move.contains("Standard_"), text)
        XCTAssertTrue(move.contains("on-demand, $0."), text)
        XCTAssertTrue(text.contains("New NodeClaims (1):"), text)
        XCTAssertTrue(text.contains("in NodePool general:"), text)
        // A smaller node for one core is cheaper than the 8-core one.
        XCTAssertTrue(text.contains("for replacements: -$0."), text)
    }

    func testDryRunJSONParsesAndCarriesPricesAndDestinations() async throws {
        let outcome = try await F.run(Self.needsReplacement, ["disrupt", "node", "big", "--dry-run", "-o", "json"])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        let root = try F.json(outcome.stdout)
        XCTAssertEqual(root["node"] as? String, "big")
        XCTAssertEqual(root["nodeClaim"] as? String, "big")
        XCTAssertEqual(root["nodePool"] as? String, "general")
        let newNodes = try XCTUnwrap(root["newNodeClaims"] as? [[String: Any]], outcome.stdout)
        XCTAssertEqual(newNodes.count, 1, outcome.stdout)
        XCTAssertGreaterThan(newNodes[0]["price"] as? Double ?? 0, 0, outcome.stdout)
        XCTAssertEqual(newNodes[0]["capacityType"] as? String, "on-demand")
        let pods = try XCTUnwrap(root["pods"] as? [[String: Any]])
        let destination = try XCTUnwrap(pods.first?["destination"] as? [String: Any], outcome.stdout)
        XCTAssertEqual(destination["kind"] as? String, "NewNodeClaim")
        XCTAssertLessThan(root["hourlyCostChange"] as? Double ?? 0, 0, outcome.stdout)
        XCTAssertEqual(root["blockers"] as? [String], [])
        XCTAssertEqual(root["disruptWould"] as? String, "delete-nodeclaim")
    }

    func testDryRunNamesAPDBThatAllowsNoDisruption() async throws {
        let outcome = try await F.run(Self.fitsElsewhere + [F.blockingPDB()], ["disrupt", "node", "node-a", "--dry-run"])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertTrue(outcome.stdout.contains("blocked: pdb \"apps/web\" prevents pod evictions"), outcome.stdout)
        XCTAssertTrue(outcome.stdout.contains("would refuse"), outcome.stdout)
        XCTAssertTrue(outcome.stdout.contains("--force"), outcome.stdout)
    }

    func testDryRunNamesADoNotDisruptPodAsJSON() async throws {
        let yaml = [F.nodePool(), F.karpenterNode("node-a"), F.karpenterNode("node-b"),
                    F.pod("batch-1", node: "node-a", labels: "{app: batch}", annotations: "{karpenter.sh/do-not-disrupt: \"true\"}")]
        let outcome = try await F.run(yaml, ["disrupt", "node", "node-a", "--dry-run", "-o", "json"])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        let root = try F.json(outcome.stdout)
        XCTAssertEqual(root["blockers"] as? [String], ["pod \"apps/batch-1\" has \"karpenter.sh/do-not-disrupt\" annotation"], outcome.stdout)
        XCTAssertEqual(root["disruptWould"] as? String, "refuse")
    }

    func testDryRunSaysWhichPodsWouldBecomeUnschedulable() async throws {
        let pinned = F.pod("pinned", node: "node-a", labels: "{app: pinned}", spec: "nodeSelector: {team: ml}")
        let outcome = try await F.run(Self.fitsElsewhere + [pinned], ["disrupt", "node", "node-a", "--dry-run"])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        let line = outcome.stdout.split(separator: "\n").first { $0.contains("apps/pinned") && $0.contains("->") }.map(String.init) ?? ""
        XCTAssertTrue(line.contains("unschedulable: "), outcome.stdout)
        XCTAssertTrue(outcome.stdout.contains("1 pod(s) would stay Pending: apps/pinned"), outcome.stdout)
    }

    func testDisruptDeletesTheNodeClaim() async throws {
        try await F.withCluster(Self.fitsElsewhere) { cluster in
            let outcome = try cluster.plugin(["disrupt", "node", "node-a"])
            XCTAssertEqual(outcome.status, 0, outcome.stderr)
            XCTAssertTrue(outcome.stdout.contains("nodeclaim.karpenter.sh \"node-a\" deleted"), outcome.stdout)
            XCTAssertTrue(outcome.stdout.contains("Karpenter now drains node node-a"), outcome.stdout)
            XCTAssertNil(F.nodeClaim("node-a", in: cluster), "the NodeClaim is deleted")
            XCTAssertNotNil(F.nodeClaim("node-b", in: cluster), "the other NodeClaim stays")
        }
    }

    func testDisruptWaitReturnsOnceTheNodeClaimAndNodeAreGone() async throws {
        let yaml = [F.nodePool(), F.karpenterNode("node-a", finalizer: true), F.karpenterNode("node-b"),
                    F.pod("web-1", node: "node-a")]
        try await F.withCluster(yaml) { cluster in
            let run = Task.detached { try cluster.plugin(["disrupt", "node", "node-a", "--wait", "--timeout", "60s"]) }
            let terminating = try await F.eventually {
                F.nodeClaim("node-a", in: cluster)?["metadata"]?["deletionTimestamp"]?.stringValue != nil
            }
            XCTAssertTrue(terminating, "the plugin deletes the NodeClaim, which waits on its finalizer")
            try await Task.sleep(for: .milliseconds(1500))
            try F.finishTermination("node-a", in: cluster)
            let outcome = try await run.value
            XCTAssertEqual(outcome.status, 0, outcome.stderr)
            XCTAssertTrue(outcome.stderr.contains("waiting for nodeclaim/node-a and node/node-a to be deleted (timeout 60s)"), outcome.stderr)
            XCTAssertTrue(outcome.stdout.contains("node \"node-a\" and nodeclaim.karpenter.sh \"node-a\" are gone"), outcome.stdout)
        }
    }

    func testDisruptWaitTimesOutSayingWhatIsStillThere() async throws {
        let yaml = [F.nodePool(), F.karpenterNode("node-a", finalizer: true), F.karpenterNode("node-b"), F.pod("web-1", node: "node-a")]
        let outcome = try await F.run(yaml, ["disrupt", "node", "node-a", "--wait", "--timeout", "2s"])
        XCTAssertEqual(outcome.status, 1, outcome.stdout)
        XCTAssertTrue(outcome.stderr.contains("error: timed out after 2s waiting for node node-a"), outcome.stderr)
        XCTAssertTrue(outcome.stderr.contains("nodeclaim.karpenter.sh/node-a: terminating since"), outcome.stderr)
        XCTAssertTrue(outcome.stderr.contains("finalizers karpenter.sh/termination"), outcome.stderr)
        XCTAssertTrue(outcome.stderr.contains("node/node-a: 1 pod(s) still on it: apps/web-1"), outcome.stderr)
        XCTAssertTrue(outcome.stderr.contains("kubectl karpenter explain node node-a"), outcome.stderr)
    }

    func testDisruptRefusesWhenAPDBBlocksUnlessForced() async throws {
        try await F.withCluster(Self.fitsElsewhere + [F.blockingPDB()]) { cluster in
            let refused = try cluster.plugin(["disrupt", "node", "node-a"])
            XCTAssertEqual(refused.status, 1, refused.stdout)
            XCTAssertTrue(refused.stderr.contains("error: refusing to disrupt node node-a"), refused.stderr)
            XCTAssertTrue(refused.stderr.contains("pdb \"apps/web\" prevents pod evictions"), refused.stderr)
            XCTAssertTrue(refused.stderr.contains("pass --force"), refused.stderr)
            XCTAssertNotNil(F.nodeClaim("node-a", in: cluster), "nothing is deleted")

            let forced = try cluster.plugin(["disrupt", "node", "node-a", "--force"])
            XCTAssertEqual(forced.status, 0, forced.stderr)
            XCTAssertTrue(forced.stderr.contains("warning: --force"), forced.stderr)
            XCTAssertNil(F.nodeClaim("node-a", in: cluster))
        }
    }

    func testDisruptRefusesANodeKarpenterDoesNotManage() async throws {
        try await F.withCluster([F.nodePool(), F.systemNode]) { cluster in
            let outcome = try cluster.plugin(["disrupt", "node", "aks-system-12345678-vmss000000"])
            XCTAssertEqual(outcome.status, 1, outcome.stdout)
            XCTAssertTrue(outcome.stderr.contains("error: node \"aks-system-12345678-vmss000000\" is not managed by Karpenter"), outcome.stderr)
            XCTAssertTrue(outcome.stderr.contains("hint: drain it with: kubectl drain aks-system-12345678-vmss000000"), outcome.stderr)
            XCTAssertNotNil(try? cluster.server.store.get(.nodes, name: "aks-system-12345678-vmss000000"))
        }
    }

    func testDisruptOfAMissingNodeFailsLikeKubectl() async throws {
        let outcome = try await F.run([F.nodePool()], ["disrupt", "node", "nope", "--dry-run"])
        XCTAssertEqual(outcome.status, 1)
        XCTAssertTrue(outcome.stderr.contains("Error from server (NotFound): nodes \"nope\" not found"), outcome.stderr)
        XCTAssertTrue(outcome.stderr.contains("hint: list the nodes with: kubectl get nodes"), outcome.stderr)
    }

    func testHelpShowsExamplesAndUsageErrorsExit64() throws {
        let help = try PluginProcess.run(["disrupt", "node", "--help"])
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.stdout.contains("kubectl karpenter disrupt node aks-general-abcde --dry-run"), help.stdout)
        let misuse = try PluginProcess.run(["disrupt", "node", "x", "--dry-run", "--wait"])
        XCTAssertEqual(misuse.status, 64, misuse.stderr)
        XCTAssertTrue(misuse.stderr.contains("--wait cannot be combined with --dry-run"), misuse.stderr)
    }
}
