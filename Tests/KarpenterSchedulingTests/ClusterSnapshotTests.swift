import KarpenterAPI
@testable import KarpenterScheduling
import XCTest

final class ClusterSnapshotTests: XCTestCase {
    private func keys(_ pods: [Pod]) -> [String] { pods.map(PodLookup.key) }

    func testOnlyPodsKubeSchedulerMarkedArePendingTheOthersSayWhy() {
        let objects = LiveCluster.objects(
            LiveCluster.nodeClass, LiveCluster.nodePool, LiveCluster.node("n1"),
            LiveCluster.pod("marked"),
            LiveCluster.pod("fresh", marked: false),
            LiveCluster.pod("gated", marked: false, phase: "Pending").replacingOccurrences(
                of: "status: {phase: Pending}", with: "status: {phase: Pending, conditions: [{type: PodScheduled, status: \"False\", reason: SchedulingGated}]}"),
            LiveCluster.pod("deleting", extraMetadata: "deletionTimestamp: \"2025-06-01T11:59:00Z\""),
            LiveCluster.pod("done", marked: false, phase: "Succeeded"),
            LiveCluster.pod("running", node: "n1"),
            LiveCluster.pod("leaving", node: "n1", extraMetadata: "deletionTimestamp: \"2025-06-01T11:59:00Z\""),
            LiveCluster.pod("finished", node: "n1", phase: "Failed"))
        let build = LiveCluster.build(objects)

        XCTAssertEqual(keys(build.snapshot.pendingPods), ["shop/marked"])
        XCTAssertEqual(build.snapshot.pendingPods.first?.status?.condition("PodScheduled")?.message, "0/1 nodes are available",
                       "kube-scheduler's own condition is kept, not a simulated one")
        let reasons = Dictionary(build.notProvisionable.map { ($0.key, $0.reason) }, uniquingKeysWith: { first, _ in first })
        XCTAssertEqual(reasons["shop/fresh"], .awaitingKubeScheduler)
        XCTAssertEqual(reasons["shop/gated"], .schedulingReason("SchedulingGated"))
        XCTAssertEqual(reasons["shop/deleting"], .terminating)
        XCTAssertEqual(reasons["shop/done"], .finished)
        XCTAssertEqual(keys(build.snapshot.existingNodes.flatMap(\.pods)), ["shop/running"],
                       "terminating and finished pods free their node's capacity")
        XCTAssertTrue(build.podOrigins.isEmpty, "live pods have no manifest origin")
    }

    func testNodesOwnedByANodeClaimCountOnceAndInFlightClaimsAreCapacity() {
        let inFlight = """
        apiVersion: karpenter.sh/v1
        kind: NodeClaim
        metadata:
          name: default-launching
          labels: {karpenter.sh/nodepool: default, node.kubernetes.io/instance-type: D8, topology.kubernetes.io/zone: z2,
                   karpenter.sh/capacity-type: on-demand}
        spec: {nodeClassRef: {group: karpenter.azure.com, kind: AKSNodeClass, name: default}}
        status:
          capacity: {cpu: "8", memory: 32Gi, pods: "110"}
          allocatable: {cpu: "8", memory: 32Gi, pods: "110"}
          conditions: [{type: Launched, status: "True"}, {type: Registered, status: Unknown}]
        """
        let objects = LiveCluster.objects(LiveCluster.nodeClass, LiveCluster.nodePool, LiveCluster.node("n1", cpu: "1"),
                                          inFlight, LiveCluster.pod("big", cpu: "3"))
        let build = LiveCluster.build(objects)

        XCTAssertEqual(build.snapshot.existingNodes.map(\.name), ["n1", "default-launching"])
        XCTAssertEqual(build.snapshot.existingNodes[0].nodeClaim?.metadata.name, "claim-n1", "the Node and its NodeClaim are one node")
        XCTAssertNil(build.snapshot.existingNodes[1].node, "the in-flight NodeClaim has no Node yet")
        let result = Scheduler.solve(build.snapshot)
        XCTAssertEqual(result.existingPlacements["shop/big"], "default-launching", "the in-flight NodeClaim takes the pod")
        XCTAssertTrue(result.nodeClaims.isEmpty, "nothing new is launched while in-flight capacity fits")
    }

    func testLiveObjectsAreTakenAsAdmittedAndKeepTheControllersReadiness() {
        let notReady = LiveCluster.nodePool
            .replacingOccurrences(of: "name: default, creationTimestamp", with: "name: blocked, creationTimestamp")
            .replacingOccurrences(of: "status: {conditions: [{type: Ready, status: \"True\"}]}",
                                  with: "status: {conditions: [{type: Ready, status: \"False\", reason: NodeClassNotReady, message: subnet not found}]}")
        let objects = LiveCluster.objects(LiveCluster.nodeClass, LiveCluster.nodePool, notReady, LiveCluster.pod("p"))
        let build = LiveCluster.build(objects)

        XCTAssertEqual(build.snapshot.nodePools.map { $0.metadata.name ?? "" }, ["default", "blocked"])
        XCTAssertEqual(build.snapshot.nodePools[1].status?.conditions?.first?.message, "subnet not found")
        XCTAssertTrue(build.errors.isEmpty, "\(build.diagnostics)")
        let result = Scheduler.solve(build.snapshot)
        XCTAssertEqual(result.nodeClaims.map(\.nodePool), ["default"], "the NodePool the controller marked not Ready is not used")
    }

    func testMissingNodeClassIsNamedForTheClusterWithoutFileOrLine() throws {
        let source = InstanceTypeSource(description: "node-class-shaped catalog", wellKnownLabels: SchedulingLabel.core,
                                        nodeClassKind: KarpenterKind.aksNodeClass) { _ in LiveCluster.types }
        let build = SnapshotBuilder(source: source).build(LiveCluster.objects(LiveCluster.nodePool))
        let summary = try XCTUnwrap(build.nodePools.first)
        XCTAssertEqual(summary.problem, "AKSNodeClass/default is not in the cluster")
        XCTAssertEqual(summary.hint, "create the AKSNodeClass named \"default\"; until it exists Karpenter keeps the NodePool not Ready")
        let warning = try XCTUnwrap(build.diagnostics.first { $0.severity == .warning })
        XCTAssertNil(warning.file)
        XCTAssertNil(warning.location)
        XCTAssertEqual(warning.description, "warning: NodePool/default: AKSNodeClass/default is not in the cluster; the NodePool cannot launch nodes (create the AKSNodeClass named \"default\"; until it exists Karpenter keeps the NodePool not Ready)")
    }

    func testWorkloadsAreNotExpandedAndListItemsGetTheirKind() {
        let deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec: {replicas: 3, template: {spec: {containers: [{name: c}]}}}
        """
        var objects = LiveCluster.objects(deployment, LiveCluster.pod("web-7d9f-a"))
        XCTAssertEqual(objects.pods.count, 1, "a Deployment is not a ClusterObjects resource")
        let bare: JSONValue = .object(["metadata": .object(["name": .string("n9")]), "status": .object([:])])
        objects.nodes = [bare]
        XCTAssertEqual(objects.nodes.first?["kind"]?.stringValue, "Node")
        XCTAssertEqual(objects.nodes.first?["apiVersion"]?.stringValue, "v1")
        XCTAssertEqual(ClusterObjects(nodeClaims: [bare]).nodeClaims.first?["apiVersion"]?.stringValue, "karpenter.sh/v1")

        let build = LiveCluster.build(objects)
        XCTAssertEqual(keys(build.snapshot.pendingPods), ["shop/web-7d9f-a"])
    }

    func testAPodNotMarkedYetCanBeExplainedAsIfItWere() throws {
        let objects = LiveCluster.objects(LiveCluster.nodeClass, LiveCluster.nodePool, LiveCluster.pod("fresh", marked: false))
        let build = LiveCluster.build(objects)
        XCTAssertNil(PodExplainer.explain("shop/fresh", in: build))
        let treated = try XCTUnwrap(build.treatingAsPending("shop/fresh"))
        XCTAssertTrue(treated.notProvisionable.isEmpty)
        let explanation = try XCTUnwrap(PodExplainer.explain("shop/fresh", in: treated))
        guard case .nodeClaim(let claim) = explanation.outcome else { return XCTFail("\(explanation.outcome)") }
        XCTAssertEqual(claim.launch?.name, "D2")
    }

    func testResourceNamesMatchTheAPIServer() {
        XCTAssertEqual(ClusterObjects.Resource.nodePools.plural, "nodepools")
        XCTAssertEqual(ClusterObjects.Resource.nodeClasses.apiVersion, "karpenter.azure.com/v1alpha2")
        XCTAssertEqual(ClusterObjects.Resource.podDisruptionBudgets.apiVersion, "policy/v1")
        XCTAssertEqual(ClusterObjects.Resource.daemonSets.plural, "daemonsets")
        XCTAssertTrue(ClusterObjects.Resource.events.namespaced)
        XCTAssertFalse(ClusterObjects.Resource.nodeClaims.namespaced)
    }
}
