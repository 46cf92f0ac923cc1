import KarpenterAPI
import KarpenterCloud
@testable import SimulatedCloud
import Testing

@Suite("Pure rules of the simulated cloud")
struct PureRulesTests {
    @Test func theKubeletMaySetOnlyNodeRestrictionsLabels() {
        #expect(NodeLabels.kubeletMaySet("node.kubernetes.io/instance-type"))
        #expect(NodeLabels.kubeletMaySet("kubelet.kubernetes.io/anything"))
        #expect(NodeLabels.kubeletMaySet("topology.kubernetes.io/zone"))
        #expect(NodeLabels.kubeletMaySet("karpenter.sh/nodepool"))
        #expect(NodeLabels.kubeletMaySet("team"))
        #expect(!NodeLabels.kubeletMaySet("node-restriction.kubernetes.io/pool"))
        #expect(!NodeLabels.kubeletMaySet("kubernetes.io/custom"))
        #expect(!NodeLabels.kubeletMaySet("k8s.io/custom"))
    }

    @Test func nodeAffinityExpressionsFollowKubeSchedulerForAbsentLabels() {
        #expect(PlacementFilter.matches(NodeSelectorRequirement(key: "a", operator: .notIn, values: ["x"]), value: nil))
        #expect(PlacementFilter.matches(NodeSelectorRequirement(key: "a", operator: .doesNotExist), value: nil))
        #expect(!PlacementFilter.matches(NodeSelectorRequirement(key: "a", operator: .in, values: ["x"]), value: nil))
        #expect(!PlacementFilter.matches(NodeSelectorRequirement(key: "a", operator: .exists), value: nil))
        #expect(PlacementFilter.matches(NodeSelectorRequirement(key: "a", operator: .gt, values: ["3"]), value: "4"))
        #expect(!PlacementFilter.matches(NodeSelectorRequirement(key: "a", operator: .gt, values: ["3"]), value: "3"))
        #expect(!PlacementFilter.matches(NodeSelectorRequirement(key: "a", operator: .doesNotExist), value: "x"))
    }

    @Test func exhaustedCapacityCountsLaunchesDown() {
        let faults = SimulatedCloudFaults()
        let key = OfferingKey(instanceType: "Standard_D2s_v3", zone: "eastus-2", capacityType: "spot")
        faults.exhaustCapacity(of: OfferingKey(instanceType: "Standard_D2s_v3", zone: "", capacityType: "spot"), forLaunches: 2)
        #expect(faults.consumeCapacityFailure(key))
        #expect(faults.consumeCapacityFailure(key))
        #expect(!faults.consumeCapacityFailure(key))
        faults.exhaustCapacity(of: key, forLaunches: nil)
        #expect(faults.consumeCapacityFailure(key))
        faults.restoreCapacity()
        #expect(!faults.consumeCapacityFailure(key))
    }

    @Test func providerIDsRoundTrip() {
        #expect(SimulatedCloud.providerID(nodeName: "default-x1") == "simulated:///default-x1")
        #expect(SimulatedCloud.nodeName(fromProviderID: "simulated:///default-x1") == "default-x1")
        #expect(SimulatedCloud.nodeName(fromProviderID: "azure:///subscriptions/s/x") == nil)
    }

    @Test func theSchedulerMessageSortsCountedReasons() {
        #expect(PlacementFilter.message(nodeCount: 0, reasons: []) == "no nodes available to schedule pods")
        #expect(PlacementFilter.message(nodeCount: 3, reasons: [["Insufficient cpu"], ["Insufficient cpu", "Insufficient memory"], ["Too many pods"]])
            == "0/3 nodes are available: 1 Insufficient memory, 1 Too many pods, 2 Insufficient cpu.")
    }
}
