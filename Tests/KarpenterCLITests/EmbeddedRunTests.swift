import Foundation
import XCTest

/// `simulate --run`: the real controller, simulated cloud and binder against an in-memory
/// cluster, through the plugin binary.
final class EmbeddedRunTests: XCTestCase {
    func testTheBuiltInExampleRunsToTheSameNodeClaimsAsThePlan() throws {
        let run = try PluginProcess.run(["simulate", "--run", "--timeout", "90s"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("pods pending"), run.stdout)
        XCTAssertTrue(run.stdout.contains("launched: Standard_"), run.stdout)
        XCTAssertTrue(run.stdout.contains("Ready"), run.stdout)
        XCTAssertTrue(run.stdout.contains("bound to"), run.stdout)
        XCTAssertTrue(run.stdout.contains("pods:        13/14 bound"), run.stdout)
        XCTAssertTrue(run.stdout.contains("ml/trainer: Failed to schedule pod"), run.stdout)

        // The controller runs the scheduler `simulate` runs: the same number of NodeClaims.
        let plan = try PluginProcess.run(["simulate", "-o", "json"])
        let root = try SimulationFixtures.json(plan.stdout)
        let planned = (root["nodeClaims"] as? [Any])?.count ?? -1
        XCTAssertTrue(run.stdout.contains("NodeClaims:  \(planned) created, \(planned) launched"), run.stdout + "\nplanned \(planned)")
    }

    func testADeploymentFromAFileGetsNodesAndEveryPodRuns() throws {
        let manifests = """
        apiVersion: karpenter.azure.com/v1alpha2
        kind: AKSNodeClass
        metadata: {name: default}
        spec: {}
        ---
        apiVersion: karpenter.sh/v1
        kind: NodePool
        metadata: {name: general}
        spec:
          template:
            spec:
              nodeClassRef: {group: karpenter.azure.com, kind: AKSNodeClass, name: default}
              requirements:
                - {key: karpenter.sh/capacity-type, operator: In, values: [on-demand]}
                - {key: karpenter.azure.com/sku-family, operator: In, values: [D]}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec:
          replicas: 6
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers: [{name: web, image: nginx, resources: {requests: {cpu: "1", memory: 2Gi}}}]
        """
        let directory = try PluginProcess.temporaryDirectory()
        let file = directory.appendingPathComponent("app.yaml")
        try manifests.write(to: file, atomically: true, encoding: .utf8)
        let run = try PluginProcess.run(["simulate", "--run", "-f", file.path, "--timeout", "90s"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("6 pods pending"), run.stdout)
        XCTAssertTrue(run.stdout.contains("pods:        6/6 bound"), run.stdout)
        XCTAssertTrue(run.stdout.contains("on-demand"), run.stdout)
        XCTAssertFalse(run.stdout.contains("unschedulable:"), run.stdout)
    }

    func testBadFlagsAreUsageErrors() throws {
        let badTimeout = try PluginProcess.run(["simulate", "--run", "--timeout", "soon"])
        XCTAssertEqual(badTimeout.status, 64)
        XCTAssertTrue(badTimeout.stderr.contains("--timeout"), badTimeout.stderr)
        let json = try PluginProcess.run(["simulate", "--run", "-o", "json"])
        XCTAssertEqual(json.status, 64)
    }
}
