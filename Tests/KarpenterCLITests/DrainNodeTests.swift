import Foundation
import XCTest

/// `kubectl karpenter drain node`: deletes a Karpenter node's NodeClaim (the graceful drain),
/// waits with --wait, and points at kubectl drain for other nodes.
final class DrainNodeTests: XCTestCase {
    typealias F = DisruptNodeFixtures

    func testDrainDeletesTheNodeClaim() async throws {
        try await F.withCluster(DisruptNodeTests.fitsElsewhere) { cluster in
            let outcome = try cluster.plugin(["drain", "node", "node-a"])
            XCTAssertEqual(outcome.status, 0, outcome.stderr)
            XCTAssertTrue(outcome.stdout.contains("nodeclaim.karpenter.sh \"node-a\" deleted"), outcome.stdout)
            XCTAssertTrue(outcome.stdout.contains("kubectl get nodeclaim node-a -w"), outcome.stdout)
            XCTAssertNil(F.nodeClaim("node-a", in: cluster))
        }
    }

    func testDrainByNodeClaimNameWaitsUntilGone() async throws {
        let yaml = [F.nodePool(), F.karpenterNode("node-a", finalizer: true), F.pod("web-1", node: "node-a")]
        try await F.withCluster(yaml) { cluster in
            let run = Task.detached { try cluster.plugin(["drain", "node", "node-a", "--wait"]) }
            let terminating = try await F.eventually {
                F.nodeClaim("node-a", in: cluster)?["metadata"]?["deletionTimestamp"]?.stringValue != nil
            }
            XCTAssertTrue(terminating)
            try F.finishTermination("node-a", in: cluster)
            let outcome = try await run.value
            XCTAssertEqual(outcome.status, 0, outcome.stderr)
            XCTAssertTrue(outcome.stdout.contains("are gone"), outcome.stdout)
        }
    }

    func testDrainWarnsThatAPDBWillHoldTheDrain() async throws {
        try await F.withCluster(DisruptNodeTests.fitsElsewhere + [F.blockingPDB()]) { cluster in
            let outcome = try cluster.plugin(["drain", "node", "node-a"])
            XCTAssertEqual(outcome.status, 0, outcome.stderr)
            XCTAssertTrue(outcome.stderr.contains("warning: the drain will wait: pdb \"apps/web\" prevents pod evictions"), outcome.stderr)
            XCTAssertNil(F.nodeClaim("node-a", in: cluster))
        }
    }

    func testDrainOfAnUnmanagedNodeSuggestsKubectlDrain() async throws {
        let outcome = try await F.run([F.systemNode], ["drain", "node", "aks-system-12345678-vmss000000"])
        XCTAssertEqual(outcome.status, 1, outcome.stdout)
        XCTAssertTrue(outcome.stderr.contains("is not managed by Karpenter (no NodeClaim), so karpenter cannot drain it"), outcome.stderr)
        XCTAssertTrue(outcome.stderr.contains("kubectl drain aks-system-12345678-vmss000000 --ignore-daemonsets"), outcome.stderr)
    }

    func testDrainOfAMissingNodeFailsLikeKubectl() async throws {
        let outcome = try await F.run([], ["drain", "node", "nope"])
        XCTAssertEqual(outcome.status, 1)
        XCTAssertTrue(outcome.stderr.hasPrefix("Error from server (NotFound): nodes \"nope\" not found"), outcome.stderr)
    }

    func testHelpShowsExamples() throws {
        let help = try PluginProcess.run(["drain", "node", "--help"])
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.stdout.contains("kubectl karpenter drain node aks-general-abcde --wait"), help.stdout)
    }
}
