import Foundation
@testable import KarpenterCLI
import KarpenterScheduling
import XCTest

/// Live `explain pod` on the fixture cluster: what a user sees for pending, not-yet-marked,
/// running and missing pods.
final class LiveExplainTests: XCTestCase {
    private func explain(_ name: String, namespace: String = "shop", format: OutputFormat = .text) -> CommandOutput {
        LiveExplanation.render(LiveClusterFixtures.objects(), namespace: namespace, name: name, format: format,
                               terminal: Terminal(useColor: false), now: LiveClusterFixtures.now,
                               source: LiveClusterFixtures.source, prices: LiveClusterFixtures.prices)
    }

    private func section(_ text: String, startingWith prefix: String) -> String? {
        text.components(separatedBy: "\n\n").first { $0.hasPrefix(prefix) }
    }

    func testPendingPodGetsTheOfflineExplanationPlusItsStatusAndEvents() throws {
        let output = explain("web-7d9f-c")
        XCTAssertEqual(output.exitCode, 0, output.stderr)
        XCTAssertEqual(output.stderr, "")
        let text = output.stdout
        XCTAssertTrue(text.hasPrefix("Pod shop/web-7d9f-c\n  requests: cpu 3, memory 2.0Gi, pods 1\n\nkube-scheduler: 0/4 nodes are available: "), text)
        XCTAssertTrue(text.contains("\nKarpenter:      would launch default-1 from nodepool default: Standard_D4s_v5 in eastus-1, spot, $0.0384/h\n"), text)
        XCTAssertTrue(text.contains("\nNodePools:\n  default  yes  the pod fits a new node (3 instance types)\n"), text)
        XCTAssertTrue(text.contains("\n  gpu-xyz12                       no   node(s) had untolerated taint {nvidia.com/gpu: true}"),
                      "the NodeClaim still launching is tried like a node: \(text)")
        XCTAssertEqual(section(text, startingWith: "In the cluster:"), """
        In the cluster:
          phase:       Pending, created 3h5m ago
          owner:       ReplicaSet/web-7d9f
          scheduling:  PodScheduled=False reason Unschedulable since 5m ago: 0/3 nodes are available: 1 node(s) had untolerated taint {CriticalAddonsOnly: true}, 2 Insufficient cpu.
        """)
        XCTAssertEqual(section(text, startingWith: "Events from kube-scheduler"), """
        Events from kube-scheduler (newest first):
          FailedScheduling 40s ago (x3 over 5m) default-scheduler: 0/3 nodes are available: 1 node(s) had untolerated taint {CriticalAddonsOnly: true}, 2 Insufficient cpu. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.
        Events from Karpenter (newest first):
          Nominated 29s ago karpenter: Pod should schedule on: nodeclaim/default-klmno
          FailedScheduling 4m ago karpenter: Failed to schedule pod, incompatible with nodepool "gpu", did not tolerate taint (taint=nvidia.com/gpu=true:NoSchedule)
        """)
        XCTAssertFalse(text.contains("an earlier pod with the same name"), "events of another pod UID are left out")
    }

    func testAPodKubeSchedulerHasNotMarkedIsExplainedWithANoteSayingSo() {
        let text = explain("batch-0").stdout
        XCTAssertTrue(text.hasPrefix("""
        note: kube-scheduler has not marked this pod Unschedulable yet (no PodScheduled=False condition with reason Unschedulable); \
        Karpenter acts only on pods it marks. Below is what Karpenter would do once it does.

        Pod shop/batch-0
        """), text)
        XCTAssertEqual(section(text, startingWith: "In the cluster:"), """
        In the cluster:
          phase:       Pending, created 2s ago
          owner:       Job/batch
          scheduling:  no PodScheduled condition: kube-scheduler has not looked at the pod yet
        """)
        XCTAssertTrue(text.hasSuffix("""
        Events from kube-scheduler: none (the API server keeps events for an hour by default)
        Events from Karpenter: none (the API server keeps events for an hour by default)
        """), text)
    }

    func testRunningPodSaysWhereWhyAndWhetherItWouldFitAgain() throws {
        let output = explain("web-7d9f-a")
        XCTAssertEqual(output.exitCode, 0)
        XCTAssertEqual(output.stdout, """
        Pod shop/web-7d9f-a runs on node aks-default-abcde
          requests:  cpu 1, memory 2.0Gi, pods 1
          node:      aks-default-abcde: NodePool default, NodeClaim default-abcde
          instance:  Standard_D4s_v5, zone eastus-1, on-demand, $0.1920/h

        Why this node (the pod's constraints against it):
          yes  NodeSelector    kubernetes.io/arch=amd64: node has kubernetes.io/arch=amd64
          yes  TopologySpread  topology.kubernetes.io/zone maxSkew 1 (DoNotSchedule): node is in eastus-1 with 1 matching pod(s); eastus-1 1, eastus-2 1: skew 0

        If it were rescheduled now:
          its node:        fits again
          Karpenter:       fits existing node aks-default-abcde; nothing to launch for it

        In the cluster:
          phase:       Running, created 3h5m ago
          owner:       ReplicaSet/web-7d9f
          scheduling:  PodScheduled=True

        Events from kube-scheduler (newest first):
          Scheduled 3h5m ago default-scheduler: Successfully assigned shop/web-7d9f-a to aks-default-abcde
        Events from Karpenter: none (the API server keeps events for an hour by default)
        """)
    }

    func testRunningPodOnANonKarpenterNode() {
        let text = explain("coredns-1", namespace: "kube-system").stdout
        XCTAssertTrue(text.hasPrefix("""
        Pod kube-system/coredns-1 runs on node aks-system-12345678-vmss000000
          requests:  cpu 0.1, memory 0.1Gi, pods 1
          node:      aks-system-12345678-vmss000000 (not launched by Karpenter)
          instance:  Standard_D2s_v5, zone eastus-1, on-demand, $0.0960/h

        Why this node (the pod's constraints against it):
          yes  Toleration  taint CriticalAddonsOnly=true:NoSchedule: tolerated by CriticalAddonsOnly Exists
        """), text)
    }

    func testJSONCarriesTheSameFacts() throws {
        let pending = try json(explain("web-7d9f-c", format: .json).stdout)
        XCTAssertEqual(pending["state"] as? String, "Pending")
        XCTAssertEqual((pending["outcome"] as? [String: Any])?["result"] as? String, "NewNodeClaim")
        XCTAssertEqual((pending["cluster"] as? [String: Any])?["markedUnschedulable"] as? Bool, true)
        let events = try XCTUnwrap(pending["events"] as? [String: Any])
        let scheduler = try XCTUnwrap(events["kubeScheduler"] as? [[String: Any]])
        XCTAssertEqual(scheduler.first?["count"] as? Int, 3)
        XCTAssertEqual(scheduler.first?["lastSeen"] as? String, "2025-06-01T11:59:20Z")
        XCTAssertEqual((events["karpenter"] as? [[String: Any]])?.map { $0["reason"] as? String }, ["Nominated", "FailedScheduling"])

        let running = try json(explain("web-7d9f-a", format: .json).stdout)
        XCTAssertEqual(running["state"] as? String, "Running")
        let node = try XCTUnwrap(running["node"] as? [String: Any])
        XCTAssertEqual(node["nodeClaim"] as? String, "default-abcde")
        XCTAssertEqual(node["price"] as? Double, 0.192)
        XCTAssertEqual((running["constraints"] as? [[String: Any]])?.map { $0["kind"] as? String }, ["NodeSelector", "TopologySpread"])
        let reschedule = try XCTUnwrap(running["reschedule"] as? [String: Any])
        XCTAssertEqual((reschedule["ownNode"] as? [String: Any])?["verdict"] as? String, "Fits")
        XCTAssertEqual((reschedule["outcome"] as? [String: Any])?["result"] as? String, "ExistingNode")

        let waiting = try json(explain("batch-0", format: .json).stdout)
        XCTAssertEqual((waiting["notes"] as? [String])?.count, 1)
        XCTAssertEqual((waiting["cluster"] as? [String: Any])?["markedUnschedulable"] as? Bool, false)
    }

    func testMissingPodNamesNamespaceAndPodWithAHint() {
        XCTAssertEqual(explain("nope"), CommandOutput(stderr: """
        error: pod "nope" not found in namespace "shop"
        hint: list the pods there with: kubectl get pods -n shop
        """, exitCode: 1))
        XCTAssertEqual(explain("coredns-1").stderr,
                       "error: pod \"coredns-1\" not found in namespace \"shop\"; it exists in namespace kube-system (use -n kube-system)")
    }

    func testAWorkloadNameExplainsItsUnboundPodFirst() {
        let text = explain("web").stdout
        XCTAssertTrue(text.hasPrefix("note: web names a workload; explaining its pod shop/web-7d9f-c (of 3)\n\nPod shop/web-7d9f-c\n"), text)
        XCTAssertTrue(explain("batch").stdout.contains("Pod shop/batch-0\n"))
    }

    func testFinishedPodsAreSaidToNeedNoNode() {
        let text = explain("done-1").stdout
        XCTAssertTrue(text.hasPrefix("Pod shop/done-1: the pod has finished (phase Succeeded); it needs no node\n\nIn the cluster:\n"), text)
    }

    func testQueryListsWhatTheSnapshotNeedsAndThePodsNamespaceEvents() {
        let query = LiveExplanation.query(namespace: "shop")
        XCTAssertEqual(query.resources, [.nodePools, .nodeClaims, .nodeClasses, .nodes, .pods, .daemonSets, .events])
        XCTAssertEqual(query.namespace(for: .events), "shop")
        XCTAssertNil(query.namespace(for: .pods))
        XCTAssertEqual(query.fieldSelector(for: .events), "involvedObject.kind=Pod")
        XCTAssertNil(query.fieldSelector(for: .pods), "finished pods are listed too: they may be the one explained")
    }

    func testWithTheEmbeddedCatalogOfTheClustersRegion() {
        let output = LiveExplanation.render(LiveClusterFixtures.objects(), namespace: "shop", name: "web-7d9f-a", format: .text,
                                            terminal: Terminal(useColor: false), now: LiveClusterFixtures.now)
        XCTAssertEqual(output.exitCode, 0, output.stderr)
        XCTAssertTrue(output.stdout.contains("\n  instance:  Standard_D4s_v5, zone eastus-1, on-demand, $0.1920/h\n"), output.stdout)
        XCTAssertEqual(output.stderr, """
        warning: NodePool/spot: AKSNodeClass/spot-class is not in the cluster; the NodePool cannot launch nodes \
        (create the AKSNodeClass named "spot-class"; until it exists Karpenter keeps the NodePool not Ready)
        """)
    }

    private func json(_ text: String) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], text)
    }
}
