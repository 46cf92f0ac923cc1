import Foundation
import XCTest

final class ExplainCLITests: XCTestCase {
    private func explain(_ documents: [String], pod: String = "p", extra: [String] = []) throws -> (PluginProcess.Outcome, [String: Any]) {
        let files = try SimulationFixtures.write(documents)
        let outcome = try PluginProcess.run(["explain", "pod", pod, "-n", "apps", "-f", files.manifests,
                                             "--instance-types", files.catalog, "-o", "json"] + extra)
        let root = outcome.status == 0 ? try SimulationFixtures.json(outcome.stdout) : [:]
        return (outcome, root)
    }

    private func firstFailure(_ root: [String: Any]) -> [String: Any]? {
        ((root["nodePools"] as? [[String: Any]])?.first?["failure"]) as? [String: Any]
    }

    func testInsufficientResources() throws {
        let (outcome, root) = try explain([SimulationFixtures.nodePool(), SimulationFixtures.nodeClass, SimulationFixtures.pod("p", cpu: "64")])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        let code = firstFailure(root)?["code"] as? String
        XCTAssertTrue(["InsufficientResources", "NoInstanceTypeFits"].contains(code ?? ""), "\(root)")
        XCTAssertEqual((root["outcome"] as? [String: Any])?["result"] as? String, "Unschedulable")
        XCTAssertEqual((root["cheapestFits"] as? [String: Any])?["basis"] as? String, "resources")
        let detail = ((root["nodePools"] as? [[String: Any]])?.first?["detail"] as? String) ?? ""
        XCTAssertTrue(detail.contains("cpu: the pod needs 64, the largest of the 2 allowed instance types has 8"), detail)
    }

    func testUntoleratedTaint() throws {
        let pool = SimulationFixtures.nodePool(taints: "[{key: dedicated, value: gpu, effect: NoSchedule}]")
        let (outcome, root) = try explain([pool, SimulationFixtures.nodeClass, SimulationFixtures.pod("p")])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        let failure = try XCTUnwrap(firstFailure(root), "\(root)")
        XCTAssertEqual(failure["code"] as? String, "TaintNotTolerated")
        XCTAssertTrue((failure["message"] as? String)?.contains("dedicated") ?? false, "\(failure)")
        XCTAssertNotNil(failure["hint"] as? String)
    }

    func testMissingLabel() throws {
        let pod = SimulationFixtures.pod("p", spec: "nodeSelector: {team: data}")
        let (outcome, root) = try explain([SimulationFixtures.nodePool(), SimulationFixtures.nodeClass, pod])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        let failure = try XCTUnwrap(firstFailure(root), "\(root)")
        XCTAssertTrue(["UndefinedLabel", "IncompatibleRequirements"].contains(failure["code"] as? String ?? ""), "\(failure)")
        XCTAssertTrue((failure["message"] as? String)?.contains("team") ?? false, "\(failure)")
        XCTAssertTrue((failure["hint"] as? String)?.contains("team") ?? false, "the fix names the label: \(failure)")
    }

    func testNodePoolLimit() throws {
        let pool = SimulationFixtures.nodePool(extra: "limits: {cpu: \"1\"}")
        let (outcome, root) = try explain([pool, SimulationFixtures.nodeClass, SimulationFixtures.pod("p", cpu: "1500m")])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        let failure = try XCTUnwrap(firstFailure(root), "\(root)")
        XCTAssertTrue(["NodePoolLimitExceeded", "NodeLimitExhausted"].contains(failure["code"] as? String ?? ""), "\(failure)")
    }

    func testNoNodePool() throws {
        let (outcome, root) = try explain([SimulationFixtures.pod("p")])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        let result = try XCTUnwrap(root["outcome"] as? [String: Any])
        XCTAssertEqual(result["result"] as? String, "Unschedulable")
        let failures = try XCTUnwrap(result["failures"] as? [[String: Any]])
        XCTAssertEqual(failures.first?["code"] as? String, "NoNodePools", "\(result)")
    }

    func testFittingPodShowsTheLaunchAndCheapestTypes() throws {
        let (outcome, root) = try explain([SimulationFixtures.nodePool(), SimulationFixtures.nodeClass, SimulationFixtures.pod("p")])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        let result = try XCTUnwrap(root["outcome"] as? [String: Any])
        XCTAssertEqual(result["result"] as? String, "NewNodeClaim")
        let claim = try XCTUnwrap(result["nodeClaim"] as? [String: Any])
        XCTAssertEqual(claim["instanceType"] as? String, "small-2x8")
        XCTAssertEqual(claim["capacityType"] as? String, "spot")
        let fits = try XCTUnwrap((root["cheapestFits"] as? [String: Any])?["instanceTypes"] as? [[String: Any]])
        XCTAssertEqual(fits.first?["name"] as? String, "small-2x8")
    }

    func testKubeSchedulerSummaryOverExistingNodes() throws {
        let node = """
        apiVersion: v1
        kind: Node
        metadata: {name: aks-1, labels: {kubernetes.io/hostname: aks-1, kubernetes.io/arch: amd64}}
        status: {allocatable: {cpu: "1", memory: 4Gi, pods: "110"}}
        """
        let (outcome, root) = try explain([node, SimulationFixtures.nodePool(), SimulationFixtures.nodeClass, SimulationFixtures.pod("p", cpu: "1500m")])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        let summary = try XCTUnwrap(root["kubeScheduler"] as? [String: Any])
        XCTAssertEqual(summary["message"] as? String, "0/1 nodes are available: 1 Insufficient cpu.")
    }

    func testTextOutputHasEverySection() throws {
        let files = try SimulationFixtures.write([SimulationFixtures.nodePool(), SimulationFixtures.nodeClass, SimulationFixtures.pod("p", cpu: "64")])
        let outcome = try PluginProcess.run(["explain", "pod", "p", "-n", "apps", "-f", files.manifests, "--instance-types", files.catalog])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        for section in ["Pod apps/p", "kube-scheduler:", "Karpenter:", "NodePools:", "Cheapest instance types"] {
            XCTAssertTrue(outcome.stdout.contains(section), "missing \(section): \(outcome.stdout)")
        }
    }

    func testPodNotFoundExitsOne() throws {
        let files = try SimulationFixtures.write([SimulationFixtures.pod("p")])
        let outcome = try PluginProcess.run(["explain", "pod", "nope", "-n", "apps", "-f", files.manifests, "--instance-types", files.catalog])
        XCTAssertEqual(outcome.status, 1)
        XCTAssertTrue(outcome.stderr.contains("pod \"nope\" not found in namespace \"apps\""), outcome.stderr)
    }

    func testBuiltInExampleGPUPodOnEmbeddedCatalog() throws {
        let outcome = try PluginProcess.run(["explain", "pod", "trainer", "-n", "ml", "--example"])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertTrue(outcome.stdout.contains("cannot schedule it"), outcome.stdout)
        XCTAssertTrue(outcome.stdout.contains("NodePools:"), outcome.stdout)
    }
}
