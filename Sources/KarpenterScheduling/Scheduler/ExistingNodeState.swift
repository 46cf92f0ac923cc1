import KarpenterAPI

/// A node (or in-flight NodeClaim) as candidates for pending pods (SCHEDULING.md §5 step 1).
final class ExistingNodeState {
    let name: String
    let nodePool: String?
    let requirements: Requirements
    let taints: [Taint]
    let initialized: Bool
    let capacity: ResourceVector
    /// Allocatable minus the requests of bound pods.
    var available: ResourceVector
    var daemonRemaining: ResourceVector
    var hostPorts: [HostPort]

    /// Taints a freshly launched node carries until it is initialized (SCHEDULING.md §3.7).
    static let ephemeralTaintKeys: Set<String> = [
        "node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable",
        "node.cloudprovider.kubernetes.io/uninitialized", "karpenter.sh/unregistered",
    ]

    init?(_ input: ExistingNodeInput, startupTaints: [String: [Taint]], daemons: DaemonSetPods) {
        let node = input.node
        let claim = input.nodeClaim
        if node?.metadata.deletionTimestamp != nil || claim?.metadata.deletionTimestamp != nil { return nil }
        name = input.name
        var labels = node?.metadata.labels ?? claim?.metadata.labels ?? [:]
        if node == nil, let claim {
            for requirement in claim.spec.requirements ?? [] where requirement.operator == .in && requirement.values?.count == 1 {
                labels[requirement.key] = labels[requirement.key] ?? requirement.values![0]
            }
        }
        labels[SchedulingLabel.hostname] = labels[SchedulingLabel.hostname] ?? name
        nodePool = labels[SchedulingLabel.nodePool]
        requirements = RequirementsFromPod.requirements(labels: labels)
        let managed = nodePool != nil
        initialized = !managed || labels["karpenter.sh/initialized"] == "true"

        var taints = node?.spec.taints ?? claim?.spec.taints ?? []
        if managed && !initialized {
            let startup = startupTaints[nodePool ?? ""] ?? []
            taints.removeAll { taint in
                Self.ephemeralTaintKeys.contains(taint.key) || taint.key.hasPrefix("readiness.k8s.io/")
                    || startup.contains { $0.matchesKeyAndEffect(taint) }
            }
        }
        self.taints = taints

        var allocatable = ResourceVector(quantities: node?.status?.allocatable ?? claim?.status?.allocatable ?? [:])
        if managed && !initialized, let claimAllocatable = claim?.status?.allocatable {
            let fromClaim = ResourceVector(quantities: claimAllocatable)
            for (resource, amount) in fromClaim.entries where allocatable[resource] == 0 { allocatable[resource] = amount }
        }
        capacity = ResourceVector(quantities: node?.status?.capacity ?? claim?.status?.capacity ?? [:])
        var used = ResourceVector()
        var ports: [HostPort] = []
        var boundDaemons: Set<String> = []
        for pod in input.pods where !PodEligibility.isTerminal(pod) {
            used = used + PodRequests.of(pod.spec)
            ports += HostPort.of(pod.spec)
            if let owner = pod.metadata.ownerReferences?.first(where: { $0.kind == "DaemonSet" }) {
                boundDaemons.insert(owner.name)
            }
        }
        available = allocatable - used
        hostPorts = ports
        daemonRemaining = daemons.remaining(on: requirements, taints: taints, boundDaemonNames: boundDaemons)
    }
}
