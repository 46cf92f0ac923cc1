import KarpenterAPI

/// Explains a bound pod: the node it runs on, which of its constraints that node satisfies,
/// and what the scheduler would do with it if it were pending now.
public enum PodPlacementExplainer {
    /// Nil when no known node holds the pod.
    public static func explain(_ podKey: String, in build: SnapshotBuild, prices: InstancePrices) -> PodPlacement? {
        guard let input = build.snapshot.existingNodes.first(where: { $0.pods.contains { PodLookup.key($0) == podKey } }),
              let pod = input.pods.first(where: { PodLookup.key($0) == podKey }) else { return nil }
        let labels = PlacementConstraints.labels(of: input)
        let offering = NodeOffering(labels: labels)
        var placement = PodPlacement(pod: podKey, node: input.name, nodeClaim: input.nodeClaim?.metadata.name,
                                     offering: offering, price: prices.price(of: offering), requests: PodRequests.of(pod),
                                     constraints: PlacementConstraints.check(pod, on: input, in: build.snapshot))
        if PodEligibility.isDaemonSetPod(pod) {
            placement.rescheduleNote = "DaemonSet pods are placed by their DaemonSet, not by Karpenter"
        } else if PodEligibility.isMirrorPod(pod) {
            placement.rescheduleNote = "static pods are run by the kubelet of their node"
        } else if let (rescheduled, node) = build.reschedulingBoundPod(podKey) {
            placement.ownNode = ownNodeVerdict(podKey, node: node, in: rescheduled)
            placement.reschedule = PodExplainer.explain(podKey, in: rescheduled)
        }
        return placement
    }

    /// The pod tried against its own node alone. The other nodes keep their labels and pods
    /// (topology still counts them) but get no allocatable, so the scheduler's own checks decide.
    static func ownNodeVerdict(_ podKey: String, node: String, in build: SnapshotBuild) -> NodeVerdict {
        guard let own = build.snapshot.existingNodes.first(where: { $0.name == node }) else {
            return NodeVerdict(name: node, fits: false, failure: nil, kubeSchedulerReasons: [], note: "the node is not known")
        }
        if own.node?.metadata.deletionTimestamp != nil || own.nodeClaim?.metadata.deletionTimestamp != nil {
            return NodeVerdict(name: node, fits: false, failure: nil, kubeSchedulerReasons: [],
                               note: "the node is being deleted; nothing new is placed on it")
        }
        var snapshot = build.snapshot
        snapshot.nodePools = []
        snapshot.instanceTypes = [:]
        snapshot.options.recordTrace = true
        snapshot.existingNodes = snapshot.existingNodes.map { $0.name == node ? $0 : withoutAllocatable($0) }
        let result = Scheduler.solve(snapshot)
        guard let attempt = result.traces[podKey]?.attempts.last(where: { $0.candidate == .existingNode(node) }) else {
            let reason = result.ignored.first { $0.pod == podKey }?.reason
            return NodeVerdict(name: node, fits: false, failure: nil, kubeSchedulerReasons: [],
                               note: reason.map { "not evaluated: \($0)" } ?? "not evaluated")
        }
        guard let failure = attempt.failure else {
            return NodeVerdict(name: node, fits: true, failure: nil, kubeSchedulerReasons: [], note: nil)
        }
        let pod = snapshot.pendingPods.first { PodLookup.key($0) == podKey }
        let reasons = pod.map { KubeSchedulerSummary.reasons(for: failure, pod: $0, node: own) } ?? []
        return NodeVerdict(name: node, fits: false, failure: failure, kubeSchedulerReasons: reasons, note: nil)
    }

    private static func withoutAllocatable(_ input: ExistingNodeInput) -> ExistingNodeInput {
        var copy = input
        if var node = copy.node {
            node.status = NodeStatus(capacity: [:], allocatable: [:], conditions: node.status?.conditions, nodeInfo: node.status?.nodeInfo)
            copy.node = node
        }
        if var claim = copy.nodeClaim, var status = claim.status {
            status.allocatable = [:]
            status.capacity = [:]
            claim.status = status
            copy.nodeClaim = claim
        }
        return copy
    }
}
