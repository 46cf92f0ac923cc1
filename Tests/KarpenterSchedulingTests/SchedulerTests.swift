import KarpenterAPI
import XCTest
@testable import KarpenterScheduling

final class SchedulerTests: XCTestCase {
    func testPodsPackOntoOneNodeClaimWithCheapestTypeFirst() {
        let pods = (0..<3).map { Fake.pod("web-\($0)", cpu: "1", memory: "1Gi") }
        let result = Scheduler.solve(Fake.snapshot(pods: pods))
        XCTAssertEqual(result.nodeClaims.count, 1)
        let claim = result.nodeClaims[0]
        XCTAssertEqual(claim.pods.count, 3)
        XCTAssertEqual(claim.instanceTypes.map(\.name), ["medium", "large", "xlarge"], "small (2 cpu) cannot hold 3 cpu")
        XCTAssertEqual(claim.launch?.name, "medium")
        XCTAssertEqual(claim.labels["karpenter.sh/nodepool"], "default")
        XCTAssertEqual(claim.requests.cpuMillis, 3000)
        XCTAssertEqual(claim.requests.pods, 3)
        XCTAssertTrue(result.unschedulable.isEmpty)
    }

    func testTooLargePodIsUnschedulableWithResourceReason() {
        let result = Scheduler.solve(Fake.snapshot(pods: [Fake.pod("huge", cpu: "64")]))
        XCTAssertTrue(result.nodeClaims.isEmpty)
        XCTAssertEqual(result.unschedulable.count, 1)
        let failure = result.unschedulable[0].failures[0]
        XCTAssertEqual(failure.code, .insufficientResources)
        XCTAssertTrue(failure.message.hasPrefix("no instance type has enough resources"), failure.message)
        XCTAssertTrue(result.unschedulable[0].reason.contains("incompatible with nodepool \"default\""), result.unschedulable[0].reason)
    }

    func testWellKnownNodeSelectorNarrowsTheZone() {
        let pod = Fake.pod("zonal", spec: "nodeSelector: {topology.kubernetes.io/zone: zone-2}")
        let result = Scheduler.solve(Fake.snapshot(pods: [pod]))
        XCTAssertEqual(result.nodeClaims.first?.launch?.zone, "zone-2")
        XCTAssertEqual(result.nodeClaims.first?.labels["topology.kubernetes.io/zone"], "zone-2")
    }

    func testCustomLabelMustBeDefinedByTheNodePool() {
        let pod = Fake.pod("gpu", spec: "nodeSelector: {team: ml}")
        let refused = Scheduler.solve(Fake.snapshot(pods: [pod]))
        XCTAssertEqual(refused.unschedulable.first?.failures.first?.code, .undefinedLabel)
        XCTAssertTrue(refused.unschedulable[0].reason.contains("label \"team\" does not have known values"), refused.unschedulable[0].reason)

        var labelled = Fake.nodePool()
        labelled.spec.template.metadata = NodeClaimTemplateMetadata(labels: ["team": "ml"])
        let accepted = Scheduler.solve(Fake.snapshot(pods: [pod], nodePools: [labelled]))
        XCTAssertEqual(accepted.nodeClaims.count, 1)
        XCTAssertEqual(accepted.nodeClaims.first?.labels["team"], "ml")
    }

    func testTaintsNeedTolerations() {
        var tainted = Fake.nodePool()
        tainted.spec.template.spec.taints = [Taint(key: "dedicated", value: "gpu", effect: .noSchedule)]
        let plain = Scheduler.solve(Fake.snapshot(pods: [Fake.pod("plain")], nodePools: [tainted]))
        XCTAssertEqual(plain.unschedulable.first?.failures.first?.code, .taintNotTolerated)
        XCTAssertTrue(plain.unschedulable[0].reason.contains("did not tolerate taint dedicated=gpu:NoSchedule"))

        let tolerant = Fake.pod("tolerant", spec: "tolerations: [{key: dedicated, operator: Equal, value: gpu, effect: NoSchedule}]")
        XCTAssertEqual(Scheduler.solve(Fake.snapshot(pods: [tolerant], nodePools: [tainted])).nodeClaims.count, 1)
    }

    func testExistingNodesAreUsedFirst() {
        let node = Fake.node("aks-1", cpu: "4", memory: "8Gi", labels: ["topology.kubernetes.io/zone": "zone-1"])
        let busy = Fake.pod("busy", cpu: "3")
        let existing = ExistingNodeInput(node: node, pods: [busy])
        let small = Fake.pod("small", cpu: "500m", memory: "512Mi")
        let big = Fake.pod("big", cpu: "2")
        let result = Scheduler.solve(Fake.snapshot(pods: [small, big], existing: [existing]))
        XCTAssertEqual(result.existingPlacements["default/small"], "aks-1")
        XCTAssertNil(result.existingPlacements["default/big"])
        XCTAssertEqual(result.nodeClaims.count, 1)
        XCTAssertEqual(result.nodeClaims[0].pods, ["default/big"])
        XCTAssertEqual(result.traces["default/small"]?.outcome, "node/aks-1")
        XCTAssertEqual(result.traces["default/big"]?.outcome, "nodeclaim/default-1")
        let attempt = result.traces["default/big"]?.attempts.first
        XCTAssertEqual(attempt?.candidate, .existingNode("aks-1"))
        XCTAssertEqual(attempt?.failure?.code, .insufficientResources)
        XCTAssertTrue(attempt?.failure?.message.contains("Insufficient cpu") ?? false)
    }

    func testNodePoolCPULimitStopsNewNodeClaims() {
        let limited = Fake.nodePool(spec: "limits: {cpu: \"4\"}")
        let pods = [Fake.pod("a", cpu: "3"), Fake.pod("b", cpu: "3")]
        let result = Scheduler.solve(Fake.snapshot(pods: pods, nodePools: [limited]))
        XCTAssertEqual(result.nodeClaims.count, 1, "the first claim may become medium (4 cpu); nothing is left")
        XCTAssertEqual(result.unschedulable.count, 1)
        XCTAssertEqual(result.unschedulable[0].failures.first?.code, .nodePoolLimit)
    }

    func testNodeCountLimit() {
        let limited = Fake.nodePool(spec: "limits: {nodes: \"1\"}")
        let pods = [Fake.pod("a", cpu: "15"), Fake.pod("b", cpu: "15")]
        let result = Scheduler.solve(Fake.snapshot(pods: pods, nodePools: [limited]))
        XCTAssertEqual(result.nodeClaims.count, 1)
        XCTAssertEqual(result.unschedulable.first?.failures.first?.code, .nodeLimitExhausted)
    }

    func testHeavierNodePoolWins() {
        let light = Fake.nodePool("light", weight: 10)
        let heavy = Fake.nodePool("heavy", weight: 50)
        let result = Scheduler.solve(Fake.snapshot(pods: [Fake.pod("p")], nodePools: [light, heavy]))
        XCTAssertEqual(result.nodeClaims.first?.nodePool, "heavy")
    }

    func testZonalTopologySpreadUsesEveryZone() {
        let spread = """
        topologySpreadConstraints:
          - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: web}}}
        """
        let pods = (0..<3).map { Fake.pod("web-\($0)", labels: ["app": "web"], spec: spread) }
        let result = Scheduler.solve(Fake.snapshot(pods: pods))
        XCTAssertEqual(result.nodeClaims.count, 3)
        XCTAssertEqual(Set(result.nodeClaims.compactMap { $0.launch?.zone }), ["zone-1", "zone-2", "zone-3"])
    }

    func testSpreadWithinOneAllowedZoneStacksThere() {
        let spread = """
        topologySpreadConstraints:
          - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: web}}}
        """
        let pool = Fake.nodePool(requirements: "[{key: topology.kubernetes.io/zone, operator: In, values: [zone-1]}]")
        let pods = (0..<2).map { Fake.pod("web-\($0)", labels: ["app": "web"], spec: spread) }
        let result = Scheduler.solve(Fake.snapshot(pods: pods, nodePools: [pool]))
        XCTAssertEqual(result.nodeClaims.count, 1)
        XCTAssertEqual(result.nodeClaims[0].pods.count, 2, "with one eligible zone the skew is always 0")
    }

    func testSpreadCannotBeMetWhenMinDomainsExceedTheAllowedZones() {
        let spread = """
        topologySpreadConstraints:
          - {maxSkew: 1, minDomains: 3, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: web}}}
        """
        let pool = Fake.nodePool(requirements: "[{key: topology.kubernetes.io/zone, operator: In, values: [zone-1]}]")
        let pods = (0..<2).map { Fake.pod("web-\($0)", labels: ["app": "web"], spec: spread) }
        let result = Scheduler.solve(Fake.snapshot(pods: pods, nodePools: [pool]))
        XCTAssertEqual(result.nodeClaims.count, 1)
        XCTAssertEqual(result.nodeClaims[0].pods.count, 1)
        XCTAssertEqual(result.unschedulable.first?.failures.first?.code, .topology)
        XCTAssertTrue(result.unschedulable[0].reason.contains("unsatisfiable topology constraint for topology spread"))
    }

    func testHostnameAntiAffinityGivesEachPodItsOwnNode() {
        let anti = """
        affinity:
          podAntiAffinity:
            requiredDuringSchedulingIgnoredDuringExecution:
              - {topologyKey: kubernetes.io/hostname, labelSelector: {matchLabels: {app: nginx}}}
        """
        let pods = (0..<3).map { Fake.pod("nginx-\($0)", cpu: "100m", labels: ["app": "nginx"], spec: anti) }
        let other = Fake.pod("other", cpu: "100m", labels: ["app": "nginx"])
        let result = Scheduler.solve(Fake.snapshot(pods: pods + [other]))
        XCTAssertEqual(result.nodeClaims.count, 4, "a plain pod labelled app=nginx is repelled too (inverse anti-affinity)")
        XCTAssertTrue(result.nodeClaims.allSatisfy { $0.pods.count == 1 })
    }

    func testZonalPodAffinityKeepsPodsTogether() {
        let affinity = """
        affinity:
          podAffinity:
            requiredDuringSchedulingIgnoredDuringExecution:
              - {topologyKey: topology.kubernetes.io/zone, labelSelector: {matchLabels: {group: a}}}
        """
        let pods = (0..<4).map { Fake.pod("a-\($0)", cpu: "6", labels: ["group": "a"], spec: affinity) }
        let result = Scheduler.solve(Fake.snapshot(pods: pods))
        XCTAssertTrue(result.unschedulable.isEmpty, "\(result.unschedulable)")
        XCTAssertEqual(Set(result.nodeClaims.compactMap { $0.launch?.zone }).count, 1)
    }

    func testPreferredNodeAffinityIsRelaxedWhenImpossible() {
        let preferred = """
        affinity:
          nodeAffinity:
            preferredDuringSchedulingIgnoredDuringExecution:
              - weight: 50
                preference: {matchExpressions: [{key: topology.kubernetes.io/zone, operator: In, values: [zone-9]}]}
        """
        let result = Scheduler.solve(Fake.snapshot(pods: [Fake.pod("flexible", spec: preferred)]))
        XCTAssertEqual(result.nodeClaims.count, 1)
        XCTAssertEqual(result.traces["default/flexible"]?.relaxations, ["removed preferred node affinity term (weight 50)"])
    }

    func testRequiredNodeAffinityTermsAreTriedInOrder() {
        let terms = """
        affinity:
          nodeAffinity:
            requiredDuringSchedulingIgnoredDuringExecution:
              nodeSelectorTerms:
                - matchExpressions: [{key: topology.kubernetes.io/zone, operator: In, values: [zone-9]}]
                - matchExpressions: [{key: topology.kubernetes.io/zone, operator: In, values: [zone-3]}]
        """
        let result = Scheduler.solve(Fake.snapshot(pods: [Fake.pod("either", spec: terms)]))
        XCTAssertEqual(result.nodeClaims.first?.launch?.zone, "zone-3")
    }

    func testHostPortsConflictOnOneNode() {
        let port = "containers: [{name: app, ports: [{containerPort: 80, hostPort: 8080}], resources: {requests: {cpu: 100m}}}]"
        let pods = [Fake.pod("a", spec: port), Fake.pod("b", spec: port)]
        let result = Scheduler.solve(Fake.snapshot(pods: pods))
        XCTAssertEqual(result.nodeClaims.count, 2)
    }

    func testDaemonSetOverheadIsReserved() {
        let daemonSet = Fake.decode(DaemonSet.self, """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: logging}
        spec:
          selector: {matchLabels: {app: logging}}
          template:
            metadata: {labels: {app: logging}}
            spec:
              containers: [{name: agent, resources: {requests: {cpu: 1, memory: 1Gi}}}]
        """)
        let result = Scheduler.solve(Fake.snapshot(pods: [Fake.pod("p", cpu: "1500m")], daemonSets: [daemonSet]))
        XCTAssertEqual(result.nodeClaims.first?.launch?.name, "medium", "1.5 + 1 cpu does not fit small (2 cpu)")
        XCTAssertEqual(result.nodeClaims.first?.requests.cpuMillis, 2500)
    }

    func testPodThatRefusesKarpenterIsIgnored() {
        let refusing = """
        affinity:
          nodeAffinity:
            requiredDuringSchedulingIgnoredDuringExecution:
              nodeSelectorTerms:
                - matchExpressions: [{key: karpenter.sh/nodepool, operator: DoesNotExist}]
        """
        let result = Scheduler.solve(Fake.snapshot(pods: [Fake.pod("static", spec: refusing)]))
        XCTAssertTrue(result.nodeClaims.isEmpty)
        XCTAssertEqual(result.ignored.first?.failures.first?.code, .notForKarpenter)
    }

    func testNoNodePools() {
        let result = Scheduler.solve(Fake.snapshot(pods: [Fake.pod("p")], nodePools: []))
        XCTAssertEqual(result.unschedulable.first?.reason, "no dynamic nodepools found")
    }

    func testNodePoolThatFiltersOutEveryTypeIsExplained() {
        let pool = Fake.nodePool(requirements: "[{key: node.kubernetes.io/instance-type, operator: In, values: [nonexistent]}]")
        let result = Scheduler.solve(Fake.snapshot(pods: [Fake.pod("p")], nodePools: [pool]))
        XCTAssertEqual(result.unschedulable.first?.failures.first?.code, .noInstanceTypesInNodePool)
    }

    func testMinValuesKeepsEnoughInstanceTypes() {
        let pool = Fake.nodePool(requirements: "[{key: node.kubernetes.io/instance-type, operator: In, values: [small, medium, large, xlarge], minValues: 3}]")
        let fits = Scheduler.solve(Fake.snapshot(pods: [Fake.pod("p", cpu: "1")], nodePools: [pool]))
        XCTAssertEqual(fits.nodeClaims.first?.instanceTypes.count, 4)
        let tooBig = Scheduler.solve(Fake.snapshot(pods: [Fake.pod("p", cpu: "6")], nodePools: [pool]))
        XCTAssertEqual(tooBig.unschedulable.first?.failures.first?.code, .minValues)
    }

    func testSpotIsCheaperAndChosenWhenAllowed() {
        let catalog = [Fake.instanceType("medium", cpu: 4, memoryGi: 8, capacityTypes: ["on-demand", "spot"], price: 0.2)]
        let result = Scheduler.solve(Fake.snapshot(pods: [Fake.pod("p")], catalog: catalog))
        XCTAssertEqual(result.nodeClaims.first?.launch?.capacityType, "spot")
        let onDemandOnly = Fake.nodePool(requirements: "[{key: karpenter.sh/capacity-type, operator: In, values: [on-demand]}]")
        let pinned = Scheduler.solve(Fake.snapshot(pods: [Fake.pod("p")], nodePools: [onDemandOnly], catalog: catalog))
        XCTAssertEqual(pinned.nodeClaims.first?.launch?.capacityType, "on-demand")
    }

    func testUnavailableOfferingsAreAvoided() {
        let catalog = [Fake.instanceType("medium", cpu: 4, memoryGi: 8, price: 0.2, unavailable: ["zone-1/on-demand", "zone-2/on-demand"])]
        let result = Scheduler.solve(Fake.snapshot(pods: [Fake.pod("p")], catalog: catalog))
        XCTAssertEqual(result.nodeClaims.first?.launch?.zone, "zone-3")
    }

    func testSameInputGivesSameOutput() {
        let spread = """
        topologySpreadConstraints:
          - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: web}}}
        """
        let pods = (0..<20).map { Fake.pod("web-\($0)", cpu: "\(1 + $0 % 3)", labels: ["app": "web"], spec: spread) }
        let first = Scheduler.solve(Fake.snapshot(pods: pods))
        let second = Scheduler.solve(Fake.snapshot(pods: pods))
        XCTAssertEqual(first.nodeClaims.map(\.pods), second.nodeClaims.map(\.pods))
        XCTAssertEqual(first.nodeClaims.map { $0.launch?.zone }, second.nodeClaims.map { $0.launch?.zone })
    }
}
