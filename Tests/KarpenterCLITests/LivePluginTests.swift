import Foundation
import XCTest

/// The plugin binary against the in-process API server over HTTPS: live `explain pod` for
/// each kind of reason, a running pod, events, errors, and `get`.
final class LivePluginTests: XCTestCase {
    private func withCluster<T>(_ yaml: [String], _ body: (LiveCluster) throws -> T) async throws -> T {
        let cluster = try await LiveCluster()
        do {
            try cluster.apply(yaml.joined(separator: "\n---\n"))
            let result = try body(cluster)
            try await cluster.shutdown()
            return result
        } catch {
            try? await cluster.shutdown()
            throw error
        }
    }

    private func explain(_ pod: String, in yaml: [String], extra: [String] = []) async throws -> PluginProcess.Outcome {
        try await withCluster(yaml) { try $0.plugin(["explain", "pod", pod] + extra) }
    }

    /// The NodePool verdict line of the text report, e.g. `general  no   [TaintNotTolerated] ...`.
    private func verdict(_ outcome: PluginProcess.Outcome, pool: String) -> String {
        outcome.stdout.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix(pool + " ") }.map(String.init) ?? ""
    }

    func testResourcesNoInstanceTypeIsLargeEnough() async throws {
        let outcome = try await explain("big", in: [LiveObjects.nodeClass, LiveObjects.nodePool(), LiveObjects.pendingPod("big", cpu: "500")])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertTrue(verdict(outcome, pool: "general").contains("[InsufficientResources]"), outcome.stdout)
        XCTAssertTrue(outcome.stdout.contains("cpu: the pod needs 500, the largest of the"), outcome.stdout)
        XCTAssertTrue(outcome.stdout.contains("PodScheduled=False reason Unschedulable"), outcome.stdout)
    }

    func testTaintNotTolerated() async throws {
        let pool = LiveObjects.nodePool("gpu", taints: "[{key: nvidia.com/gpu, value: \"true\", effect: NoSchedule}]")
        let outcome = try await explain("web", in: [LiveObjects.nodeClass, pool, LiveObjects.pendingPod("web")])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertTrue(verdict(outcome, pool: "gpu").contains("[TaintNotTolerated]"), outcome.stdout)
        XCTAssertTrue(outcome.stdout.contains("nvidia.com/gpu"), outcome.stdout)
    }

    func testMissingLabel() async throws {
        let pod = LiveObjects.pendingPod("ml", spec: "nodeSelector: {team: ml}")
        let outcome = try await explain("ml", in: [LiveObjects.nodeClass, LiveObjects.nodePool(), pod])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        let line = verdict(outcome, pool: "general")
        XCTAssertTrue(line.contains("[UndefinedLabel]") || line.contains("[IncompatibleRequirements]"), outcome.stdout)
        XCTAssertTrue(outcome.stdout.contains("team"), outcome.stdout)
    }

    func testZoneSpreadCannotBeSatisfied() async throws {
        // The NodePool may only launch in eastus-1, which already holds two of the app's pods
        // while eastus-2 (a full node) holds none: one more in eastus-1 breaks maxSkew 1.
        let pool = LiveObjects.nodePool(requirements: "{key: topology.kubernetes.io/zone, operator: In, values: [eastus-1]}")
        let spread = """
        topologySpreadConstraints: [{maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: spread}}}]
        """
        let yaml = [LiveObjects.nodeClass, pool,
                    LiveObjects.karpenterNode("node-a", zone: "eastus-1"),
                    LiveObjects.karpenterNode("node-b", zone: "eastus-2"),
                    LiveObjects.runningPod("s-1", node: "node-a", labels: "{app: spread}"),
                    LiveObjects.runningPod("s-2", node: "node-a", labels: "{app: spread}"),
                    LiveObjects.runningPod("filler", node: "node-b", cpu: "3800m", labels: "{app: other}"),
                    LiveObjects.pendingPod("s-3", cpu: "3", labels: "{app: spread}", spec: spread)]
        let outcome = try await explain("s-3", in: yaml)
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertTrue(verdict(outcome, pool: "general").contains("[TopologyUnsatisfiable]"), outcome.stdout)
        XCTAssertTrue(outcome.stdout.contains("topology.kubernetes.io/zone"), outcome.stdout)
    }

    func testNodePoolLimitReached() async throws {
        let pool = LiveObjects.nodePool(limits: "{cpu: \"4\"}")
        let yaml = [LiveObjects.nodeClass, pool, LiveObjects.karpenterNode("node-a"),
                    LiveObjects.runningPod("busy", node: "node-a", cpu: "3800m", labels: "{app: busy}"),
                    LiveObjects.pendingPod("more", cpu: "2")]
        let outcome = try await explain("more", in: yaml)
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertTrue(verdict(outcome, pool: "general").contains("[NodePoolLimitExceeded]"), outcome.stdout)
    }

    func testNoNodePoolAtAll() async throws {
        let outcome = try await explain("web", in: [LiveObjects.nodeClass, LiveObjects.pendingPod("web")])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertTrue(outcome.stdout.contains("NoNodePools") || outcome.stdout.lowercased().contains("no nodepool"), outcome.stdout)
    }

    func testAFittingPodShowsWhatWouldLaunchAndItsPriceAsJSON() async throws {
        let outcome = try await explain("web", in: [LiveObjects.nodeClass, LiveObjects.nodePool(), LiveObjects.pendingPod("web", cpu: "2")],
                                        extra: ["-o", "json"])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        let root = try SimulationFixtures.json(outcome.stdout)
        let text = outcome.stdout
        XCTAssertTrue(text.contains("\"NewNodeClaim\""), text)
        XCTAssertTrue(text.contains("Standard_"), text)
        XCTAssertNotNil(root["pod"], text)
    }

    func testFailedSchedulingEventsAreQuoted() async throws {
        let event = """
        apiVersion: v1
        kind: Event
        metadata: {name: web.1, namespace: apps}
        involvedObject: {kind: Pod, name: web, namespace: apps}
        reason: FailedScheduling
        message: "0/3 nodes are available: 3 Insufficient cpu."
        type: Warning
        count: 4
        source: {component: default-scheduler}
        firstTimestamp: "2026-11-29T00:00:00Z"
        lastTimestamp: "2026-11-29T00:05:00Z"
        """
        let outcome = try await explain("web", in: [LiveObjects.nodeClass, LiveObjects.nodePool(), LiveObjects.pendingPod("web"), event])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertTrue(outcome.stdout.contains("FailedScheduling"), outcome.stdout)
        XCTAssertTrue(outcome.stdout.contains("0/3 nodes are available: 3 Insufficient cpu."), outcome.stdout)
        XCTAssertTrue(outcome.stdout.contains("x4"), outcome.stdout)
    }

    func testARunningPodSaysWhereItLandedAndWhy() async throws {
        let yaml = [LiveObjects.nodeClass, LiveObjects.nodePool(), LiveObjects.karpenterNode("node-a"),
                    LiveObjects.runningPod("api", node: "node-a")]
        let outcome = try await explain("api", in: yaml)
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertTrue(outcome.stdout.contains("node-a"), outcome.stdout)
        XCTAssertTrue(outcome.stdout.contains("Standard_D4s_v5"), outcome.stdout)
        XCTAssertTrue(outcome.stdout.contains("eastus-1"), outcome.stdout)
    }

    func testAllNamespacesFindsThePodWhereverItIs() async throws {
        let yaml = [LiveObjects.nodeClass, LiveObjects.nodePool(), LiveObjects.pendingPod("web")]
        let (found, pools) = try await withCluster(yaml) { cluster in
            (try cluster.plugin(["explain", "pod", "web", "-A", "-n", "default"]), try cluster.plugin(["get", "nodepools", "-A"]))
        }
        XCTAssertEqual(found.status, 0, found.stderr)
        XCTAssertTrue(found.stdout.hasPrefix("Pod apps/web"), found.stdout)
        XCTAssertEqual(pools.status, 0, pools.stderr)
    }

    func testAMissingPodIsAnErrorWithAHint() async throws {
        let outcome = try await explain("ghost", in: [LiveObjects.nodeClass, LiveObjects.nodePool()])
        XCTAssertEqual(outcome.status, 1)
        XCTAssertTrue(outcome.stderr.contains("\"ghost\" not found"), outcome.stderr)
        XCTAssertTrue(outcome.stderr.contains("kubectl get pods -n apps"), outcome.stderr)
    }

    func testGetNodePoolsAndNodes() async throws {
        let yaml = [LiveObjects.nodeClass, LiveObjects.nodePool(limits: "{cpu: \"100\"}"), LiveObjects.karpenterNode("node-a"),
                    LiveObjects.runningPod("api", node: "node-a", cpu: "2")]
        let (pools, nodes, claims, named) = try await withCluster(yaml) { cluster in
            (try cluster.plugin(["get", "nodepools"]), try cluster.plugin(["get", "nodes", "-o", "wide"]),
             try cluster.plugin(["get", "nodeclaims"]), try cluster.plugin(["get", "np", "-o", "name"]))
        }
        XCTAssertEqual(pools.status, 0, pools.stderr)
        let poolLines = pools.stdout.split(separator: "\n")
        XCTAssertTrue(poolLines.first?.hasPrefix("NAME") == true, pools.stdout)
        XCTAssertTrue(poolLines.dropFirst().first?.hasPrefix("general") == true, pools.stdout)
        XCTAssertTrue(pools.stdout.contains("/100"), pools.stdout)
        XCTAssertEqual(nodes.status, 0, nodes.stderr)
        XCTAssertTrue(nodes.stdout.contains("node-a"), nodes.stdout)
        XCTAssertTrue(nodes.stdout.contains("Standard_D4s_v5"), nodes.stdout)
        XCTAssertTrue(nodes.stdout.contains("2000m/3860m (51%)"), nodes.stdout)
        XCTAssertTrue(nodes.stdout.contains("$0.1920"), nodes.stdout)
        XCTAssertEqual(claims.status, 0, claims.stderr)
        XCTAssertTrue(claims.stdout.contains("node-a"), claims.stdout)
        XCTAssertEqual(named.stdout, "nodepool.karpenter.sh/general\n")
    }

    func testAnEmptyListSaysSoOnStderr() async throws {
        let outcome = try await withCluster([]) { try $0.plugin(["get", "nodeclaims"]) }
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertEqual(outcome.stdout, "")
        XCTAssertTrue(outcome.stderr.contains("No resources found"), outcome.stderr)
    }

    func testConnectionProblemsAreClearErrors() async throws {
        let unreachable = try PluginProcess.run(["get", "nodepools", "-s", "https://127.0.0.1:1", "--insecure-skip-tls-verify",
                                                 "--request-timeout", "5s"])
        XCTAssertEqual(unreachable.status, 1)
        XCTAssertTrue(unreachable.stderr.contains("cannot reach the API server at https://127.0.0.1:1"), unreachable.stderr)
        XCTAssertFalse(unreachable.stderr.contains("Fatal error"))

        let missing = try PluginProcess.run(["get", "nodepools", "--kubeconfig", "/nonexistent/kubeconfig"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("/nonexistent/kubeconfig"), missing.stderr)

        let badTimeout = try PluginProcess.run(["get", "nodepools", "--request-timeout", "soon"])
        XCTAssertEqual(badTimeout.status, 64, badTimeout.stderr)
        XCTAssertTrue(badTimeout.stderr.contains("--request-timeout"), badTimeout.stderr)

        let refused = try await withCluster([]) { cluster in
            try PluginProcess.run(["get", "nodepools", "--kubeconfig", cluster.kubeconfig, "--token", "wrong"])
        }
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("Error from server (Unauthorized)"), refused.stderr)
    }
}
