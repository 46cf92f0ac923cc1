import KarpenterAPI
@testable import KarpenterScheduling
import XCTest

final class PodPlacementTests: XCTestCase {
    private let prices = InstancePrices(LiveCluster.types)

    private func placement(_ pod: String, _ extra: String...) throws -> PodPlacement {
        var documents = [LiveCluster.nodeClass, LiveCluster.nodePool, LiveCluster.node("n1", zone: "z1"),
                         LiveCluster.node("n2", zone: "z2", taints: "[{key: dedicated, value: web, effect: NoSchedule}]"), pod]
        documents += extra
        let build = LiveCluster.build(LiveCluster.objects(documents.joined(separator: "\n---\n")))
        return try XCTUnwrap(PodPlacementExplainer.explain("shop/p", in: build, prices: prices))
    }

    func testNamesTheNodeItsOfferingAndPrice() throws {
        let placement = try placement(LiveCluster.pod("p", node: "n1"))
        XCTAssertEqual(placement.node, "n1")
        XCTAssertEqual(placement.nodeClaim, "claim-n1")
        XCTAssertEqual(placement.offering, NodeOffering(nodePool: "default", instanceType: "D2", zone: "z1", capacityType: "on-demand"))
        XCTAssertEqual(placement.price, 0.1)
        XCTAssertEqual(placement.requests.cpuMillis, 500)
        XCTAssertTrue(placement.constraints.isEmpty)
        XCTAssertEqual(placement.ownNode?.fits, true, "with its own requests freed it fits again")
        guard case .existingNode = placement.reschedule?.outcome else { return XCTFail("\(String(describing: placement.reschedule?.outcome))") }
    }

    func testChecksSelectorAffinityTolerationsAndSpreadAgainstTheNode() throws {
        let spec = """
        nodeSelector: {kubernetes.io/arch: amd64}
          tolerations: [{key: dedicated, operator: Equal, value: web, effect: NoSchedule}]
          affinity:
            nodeAffinity:
              requiredDuringSchedulingIgnoredDuringExecution:
                nodeSelectorTerms: [{matchExpressions: [{key: topology.kubernetes.io/zone, operator: In, values: [z1, z2]}]}]
              preferredDuringSchedulingIgnoredDuringExecution:
                - {weight: 10, preference: {matchExpressions: [{key: topology.kubernetes.io/zone, operator: In, values: [z1]}]}}
            podAntiAffinity:
              requiredDuringSchedulingIgnoredDuringExecution:
                - {topologyKey: kubernetes.io/hostname, labelSelector: {matchLabels: {app: web}}}
          topologySpreadConstraints:
            - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: web}}}
        """
        let placement = try placement(LiveCluster.pod("p", node: "n2", extraSpec: spec), LiveCluster.pod("other", node: "n1"))
        let lines = placement.constraints.map { "\($0.satisfied ? "yes" : "no") \($0.kind.rawValue) \($0.constraint): \($0.evidence)" }
        XCTAssertEqual(lines, [
            "yes NodeSelector kubernetes.io/arch=amd64: node has kubernetes.io/arch=amd64",
            "yes NodeAffinity required: topology.kubernetes.io/zone In [z1, z2]: node has topology.kubernetes.io/zone=z2",
            "no NodeAffinity preferred (weight 10): topology.kubernetes.io/zone In [z1]: node has topology.kubernetes.io/zone=z2",
            "yes Toleration taint dedicated=web:NoSchedule: tolerated by dedicated=web:NoSchedule",
            "yes TopologySpread topology.kubernetes.io/zone maxSkew 1 (DoNotSchedule): node is in z2 with 1 matching pod(s); z1 1, z2 1: skew 0",
            "yes PodAntiAffinity required: pods matching {app=web} not in the same kubernetes.io/hostname: 0 matching pod(s) in kubernetes.io/hostname=n2",
        ])
        XCTAssertEqual(placement.constraints.map(\.required), [true, true, false, true, true, true])
    }

    func testSaysWhenItsNodeWouldNoLongerTakeIt() throws {
        let placement = try placement(LiveCluster.pod("p", cpu: "3", node: "n1"))
        let own = try XCTUnwrap(placement.ownNode)
        XCTAssertFalse(own.fits)
        XCTAssertEqual(own.kubeSchedulerReasons, ["Insufficient cpu"])
        guard case .nodeClaim(let claim) = placement.reschedule?.outcome else {
            return XCTFail("a pod bigger than every node needs a new one: \(String(describing: placement.reschedule?.outcome))")
        }
        XCTAssertEqual(claim.launch?.name, "D8")
    }

    func testUntoleratedTaintAndDaemonSetPodsAreReported() throws {
        let placement = try placement(LiveCluster.pod("p", node: "n2",
                                                      extraMetadata: "ownerReferences: [{apiVersion: apps/v1, kind: DaemonSet, name: agent, uid: u1}]"))
        XCTAssertEqual(placement.constraints.first?.satisfied, false)
        XCTAssertEqual(placement.constraints.first?.evidence, "not tolerated (the taint came after the pod was bound)")
        XCTAssertNil(placement.ownNode)
        XCTAssertEqual(placement.rescheduleNote, "DaemonSet pods are placed by their DaemonSet, not by Karpenter")
    }

    func testPricesByTypeZoneAndCapacityType() {
        let prices = InstancePrices(LiveCluster.types + [LiveCluster.type("Unpriced", cpu: 1, memoryGi: 1, prices: [("z1", "on-demand", 999)])],
                                    unknownPrice: 999)
        XCTAssertEqual(prices.price(instanceType: "D2", zone: "z1", capacityType: "spot"), 0.02)
        XCTAssertEqual(prices.price(instanceType: "D2", zone: "z9", capacityType: "on-demand"), 0.1, "an unlisted zone takes the type's price")
        XCTAssertNil(prices.price(instanceType: "D8", zone: "z1", capacityType: "spot"))
        XCTAssertNil(prices.price(instanceType: "Unpriced", zone: "z1", capacityType: "on-demand"))
        XCTAssertNil(prices.price(of: NodeOffering(instanceType: "D2")), "no capacity type, no price")
    }

    func testNodeOfferingReadsAKSNodePoolLabels() {
        let system = NodeOffering(labels: ["kubernetes.azure.com/agentpool": "system", "node.kubernetes.io/instance-type": "D2",
                                           "topology.kubernetes.io/zone": "z1", "topology.kubernetes.io/region": "eastus"])
        XCTAssertNil(system.nodePool)
        XCTAssertEqual(system.capacityType, "on-demand")
        XCTAssertEqual(system.region, "eastus")
        XCTAssertEqual(NodeOffering(labels: ["kubernetes.azure.com/agentpool": "spotpool",
                                             "kubernetes.azure.com/scalesetpriority": "spot"]).capacityType, "spot")
        XCTAssertNil(NodeOffering(labels: [:]).capacityType)
    }
}
