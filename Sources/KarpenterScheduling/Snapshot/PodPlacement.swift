import KarpenterAPI

/// Why a running pod is where it is (`kubectl karpenter explain pod` on a bound pod): its node
/// and what that node runs as, which of the pod's constraints the node satisfies, and what
/// would happen if the pod were rescheduled now.
public struct PodPlacement: Sendable {
    public var pod: String
    public var node: String
    public var nodeClaim: String?
    /// NodePool, instance type, zone and capacity type from the node's labels.
    public var offering: NodeOffering
    /// Hourly price of the node's offering; nil when the catalog does not know it.
    public var price: Double?
    public var requests: ResourceVector
    public var constraints: [PlacementConstraint]
    /// Would the pod fit its node again, with its own requests freed? Nil when not analysed.
    public var ownNode: NodeVerdict?
    /// The pod explained as if it were pending now; nil when not analysed.
    public var reschedule: PodExplanation?
    /// Why the rescheduling analysis was skipped (DaemonSet and static pods).
    public var rescheduleNote: String?
}

/// One of the pod's scheduling constraints checked against its node.
public struct PlacementConstraint: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case nodeSelector = "NodeSelector"
        case nodeAffinity = "NodeAffinity"
        case toleration = "Toleration"
        case topologySpread = "TopologySpread"
        case podAffinity = "PodAffinity"
        case podAntiAffinity = "PodAntiAffinity"
    }

    public var kind: Kind
    /// False for preferences (preferred affinity, ScheduleAnyway, PreferNoSchedule taints).
    public var required: Bool
    /// The constraint as the pod (or node, for taints) states it: `kubernetes.io/arch=amd64`.
    public var constraint: String
    public var satisfied: Bool
    /// What the node or cluster shows: `node has kubernetes.io/arch=amd64`.
    public var evidence: String
}
