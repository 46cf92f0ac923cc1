import KarpenterAPI

/// Why one pod goes where it goes, or nowhere: the scheduler's own trace for that pod,
/// arranged for a person (`kubectl karpenter explain pod`).
public struct PodExplanation: Sendable {
    public enum Outcome: Sendable, Hashable {
        case existingNode(String)
        case nodeClaim(PlannedNodeClaim)
        case unschedulable(UnschedulablePod)
        case ignored(UnschedulablePod)
    }

    public var pod: String
    public var origin: PodOrigin?
    public var requests: ResourceVector
    public var outcome: Outcome
    public var kubeScheduler: KubeSchedulerSummary
    public var nodePools: [NodePoolVerdict]
    public var nodes: [NodeVerdict]
    /// The cheapest instance types that fit the pod, cheapest first.
    public var cheapestFits: [InstanceTypeFit]
    /// How `cheapestFits` was found: `nodepool/x` (the pod alone on a new node) or `resources`
    /// (allocatable alone, when no NodePool accepts the pod).
    public var cheapestFitsBasis: String
    /// Preferences the scheduler dropped for this pod, in order.
    public var relaxations: [String]
}

public struct NodePoolVerdict: Sendable, Hashable {
    public var name: String
    public var instanceTypes: Int
    public var fits: Bool
    /// The first failing constraint; nil when the NodePool fits or was not needed.
    public var failure: SchedulingFailure?
    /// When the NodePool was not tried: why (`the pod fits node x`).
    public var note: String?
    /// For resource failures: which resource, what the pod needs and the most any allowed type has.
    public var detail: String?
}

public struct NodeVerdict: Sendable, Hashable {
    public var name: String
    public var fits: Bool
    public var failure: SchedulingFailure?
    /// kube-scheduler's strings for the rejection (`Insufficient cpu`).
    public var kubeSchedulerReasons: [String]
    public var note: String?
}

public struct InstanceTypeFit: Sendable, Hashable {
    public var name: String
    public var nodePool: String?
    public var zone: String
    public var capacityType: String
    public var price: Double
    public var allocatable: ResourceVector
}

extension PlannedNodeClaim: Hashable {
    public static func == (lhs: PlannedNodeClaim, rhs: PlannedNodeClaim) -> Bool {
        lhs.name == rhs.name && lhs.nodePool == rhs.nodePool && lhs.pods == rhs.pods
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(pods)
    }
}
