import KarpenterAPI
import XCTest
@testable import KarpenterScheduling

/// Constraint kinds beyond the basics: capacity-type spread, ScheduleAnyway, PreferNoSchedule
/// relaxation, startup taints on uninitialized nodes, numeric operators, anti-affinity of
/// pods already running.
final class SchedulerConstraintTests: XCTestCase {
    private let spotAndOnDemand = [
        Fake.instanceType("medium", cpu: 4, memoryGi: 8, capacityTypes: ["on-demand", "spot"], price: 0.2),
    ]

    func testSpreadOverCapacityTypes() {
        let spread = """
        topologySpreadConstraints:
          - {maxSkew: 1, topologyKey: karpenter.sh/capacity-type, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: api}}}
        """
        let pods = (0..<2).map { Fake.pod("api-\($0)", cpu: "3", labels: ["app": "api"], spec: spread) }
        let result = Scheduler.solve(Fake.snapshot(pods: pods, catalog: spotAndOnDemand))
        XCTAssertEqual(result.nodeClaims.count, 2)
        XCTAssertEqual(Set(result.nodeClaims.compactMap { $0.launch?.capacityType }), ["spot", "on-demand"])
    }

    func testScheduleAnywaySpreadIsDroppedWhenItCannotBeMet() {
        let spread = """
        topologySpreadConstraints:
          - {maxSkew: 1, minDomains: 5, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels: {app: web}}}
        """
        let pool = Fake.nodePool(requirements: "[{key: topology.kubernetes.io/zone, operator: In, values: [zone-1]}]")
        let pods = (0..<3).map { Fake.pod("web-\($0)", labels: ["app": "web"], spec: spread) }
        let result = Scheduler.solve(Fake.snapshot(pods: pods, nodePools: [pool]))
        XCTAssertTrue(result.unschedulable.isEmpty, "\(result.unschedulable)")
        XCTAssertTrue(result.traces.values.contains { $0.relaxations.contains("removed ScheduleAnyway topology spread on topology.kubernetes.io/zone") })

        var hard = pods[0]
        hard.spec.topologySpreadConstraints?[0].whenUnsatisfiable = .doNotSchedule
        var second = pods[1]
        second.spec.topologySpreadConstraints?[0].whenUnsatisfiable = .doNotSchedule
        let strict = Scheduler.solve(Fake.snapshot(pods: [hard, second], nodePools: [pool]))
        XCTAssertEqual(strict.unschedulable.count, 1, "minDomains 5 with one zone allows one pod per zone")
    }

    func testPreferNoScheduleTaintIsHardUntilRelaxed() {
        var pool = Fake.nodePool()
        pool.spec.template.spec.taints = [Taint(key: "spot-only", value: "true", effect: .preferNoSchedule)]
        let result = Scheduler.solve(Fake.snapshot(pods: [Fake.pod("p")], nodePools: [pool]))
        XCTAssertEqual(result.nodeClaims.count, 1)
        XCTAssertEqual(result.traces["default/p"]?.relaxations, ["added a toleration for PreferNoSchedule taints"])
    }

    func testStartupTaintsDoNotBlockAnUninitializedNode() {
        var pool = Fake.nodePool()
        pool.spec.template.spec.startupTaints = [Taint(key: "example.com/agent-not-ready", value: "true", effect: .noSchedule)]
        let labels = ["karpenter.sh/nodepool": "default", "topology.kubernetes.io/zone": "zone-1"]
        let taints = "[{key: example.com/agent-not-ready, value: \"true\", effect: NoSchedule}, {key: node.kubernetes.io/not-ready, effect: NoSchedule}]"
        let launching = Fake.node("launching", cpu: "4", memory: "8Gi", labels: labels, taints: taints)
        let result = Scheduler.solve(Fake.snapshot(pods: [Fake.pod("p")], nodePools: [pool], existing: [ExistingNodeInput(node: launching)]))
        XCTAssertEqual(result.existingPlacements["default/p"], "launching")

        var initializedLabels = labels
        initializedLabels["karpenter.sh/initialized"] = "true"
        let initialized = Fake.node("ready", cpu: "4", memory: "8Gi", labels: initializedLabels, taints: taints)
        let blocked = Scheduler.solve(Fake.snapshot(pods: [Fake.pod("p")], nodePools: [pool], existing: [ExistingNodeInput(node: initialized)]))
        XCTAssertNil(blocked.existingPlacements["default/p"])
        XCTAssertEqual(blocked.traces["default/p"]?.attempts.first?.failure?.code, .taintNotTolerated)
    }

    func testNumericOperatorsOnInstanceTypeLabels() {
        let catalog = [
            Fake.instanceType("c2", cpu: 2, memoryGi: 4, price: 0.1, labels: ["karpenter.azure.com/sku-cpu": "2"]),
            Fake.instanceType("c8", cpu: 8, memoryGi: 16, price: 0.4, labels: ["karpenter.azure.com/sku-cpu": "8"]),
        ]
        var snapshot = Fake.snapshot(pods: [Fake.pod("p", cpu: "500m")],
                                     nodePools: [Fake.nodePool(requirements: "[{key: karpenter.azure.com/sku-cpu, operator: Gt, values: [\"4\"]}]")],
                                     catalog: catalog)
        snapshot.options.wellKnownLabels.insert("karpenter.azure.com/sku-cpu")
        XCTAssertEqual(Scheduler.solve(snapshot).nodeClaims.first?.instanceTypes.map(\.name), ["c8"])
        snapshot.nodePools = [Fake.nodePool(requirements: "[{key: karpenter.azure.com/sku-cpu, operator: Lte, values: [\"2\"]}]")]
        XCTAssertEqual(Scheduler.solve(snapshot).nodeClaims.first?.instanceTypes.map(\.name), ["c2"])
    }

    func testRunningPodsAntiAffinityRepelsNewPods() {
        let anti = """
        affinity:
          podAntiAffinity:
            requiredDuringSchedulingIgnoredDuringExecution:
              - {topologyKey: kubernetes.io/hostname, labelSelector: {matchLabels: {role: db}}}
        """
        let running = Fake.pod("exclusive", cpu: "100m", labels: ["role": "guard"], spec: anti)
        let node = Fake.node("aks-1", cpu: "8", memory: "16Gi", labels: ["topology.kubernetes.io/zone": "zone-1"])
        let database = Fake.pod("db", cpu: "1", labels: ["role": "db"])
        let result = Scheduler.solve(Fake.snapshot(pods: [database], existing: [ExistingNodeInput(node: node, pods: [running])]))
        XCTAssertNil(result.existingPlacements["default/db"], "the running pod's anti-affinity keeps db off aks-1")
        XCTAssertEqual(result.nodeClaims.count, 1)
        XCTAssertEqual(result.traces["default/db"]?.attempts.first?.failure?.code, .topology)
    }

    func testNodeAffinityPolicyIgnoreCountsEveryNode() {
        let honorSpread = """
        nodeSelector: {topology.kubernetes.io/zone: zone-1}
        topologySpreadConstraints:
          - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: web}}}
        """
        let other = Fake.node("zone2-node", cpu: "8", memory: "16Gi", labels: ["topology.kubernetes.io/zone": "zone-2"])
        let existing = Fake.pod("web-old", cpu: "100m", labels: ["app": "web"])
        let pod = Fake.pod("web-new", labels: ["app": "web"], spec: honorSpread)
        let honor = Scheduler.solve(Fake.snapshot(pods: [pod], existing: [ExistingNodeInput(node: other, pods: [existing])]))
        XCTAssertEqual(honor.nodeClaims.first?.launch?.zone, "zone-1", "Honor: the zone-2 node is not counted, zone-1 is allowed")
    }
}

extension SchedulerConstraintTests {
    func testLaunchPlanKeepsMinValuesAndLabelsCustomKeys() {
        let pool = Fake.nodePool(requirements: """
        [{key: node.kubernetes.io/instance-type, operator: In, values: [small, medium, large, xlarge], minValues: 2},
         {key: team, operator: In, values: [blue, green]}]
        """)
        let result = Scheduler.solve(Fake.snapshot(pods: [Fake.pod("p")], nodePools: [pool]))
        let claim = result.nodeClaims.first
        XCTAssertEqual(claim?.requirements[SchedulingLabel.instanceType]?.minValues, 2)
        XCTAssertEqual(claim?.labels["team"], "blue", "a custom key gets one concrete value on the node")
        XCTAssertNil(claim?.labels["node.kubernetes.io/instance-type"], "well-known keys are decided at launch")
    }
}
