/// What one scheduling pass decided, and why.
public struct SchedulingResult: Sendable {
    /// New NodeClaims to create, in creation order.
    public var nodeClaims: [PlannedNodeClaim]
    /// Pods that fit on existing (or in-flight) nodes: pod key (`namespace/name`) to node name.
    public var existingPlacements: [String: String]
    /// Pods that could not be placed, in queue order.
    public var unschedulable: [UnschedulablePod]
    /// Pods the scheduler refused to consider (invalid or not for Karpenter), with the reason.
    public var ignored: [UnschedulablePod]
    /// Per pod, every candidate tried (only with `SchedulerOptions.recordTrace`).
    public var traces: [String: PodTrace]

    public init(nodeClaims: [PlannedNodeClaim] = [], existingPlacements: [String: String] = [:],
                unschedulable: [UnschedulablePod] = [], ignored: [UnschedulablePod] = [], traces: [String: PodTrace] = [:]) {
        self.nodeClaims = nodeClaims
        self.existingPlacements = existingPlacements
        self.unschedulable = unschedulable
        self.ignored = ignored
        self.traces = traces
    }
}

/// A NodeClaim the scheduler wants launched.
public struct PlannedNodeClaim: Sendable {
    /// A stable name for this plan (`<nodepool>-<n>`); the API server assigns the real one.
    public var name: String
    public var nodePool: String
    /// Instance types the NodeClaim may launch as, cheapest compatible offering first, truncated.
    public var instanceTypes: [InstanceTypeOption]
    /// Narrowed requirements (without the simulation-only hostname placeholder).
    public var requirements: Requirements
    /// Labels the node will carry (template labels, nodepool, and single-valued requirements).
    public var labels: [String: String]
    /// Sum of the pods' requests plus the smallest daemon overhead of the surviving types.
    public var requests: ResourceVector
    /// Pod keys (`namespace/name`) in the order they were packed.
    public var pods: [String]

    /// What a launch would pick: the cheapest available compatible offering.
    public var launch: InstanceTypeOption? { instanceTypes.first }
}

/// One instance type a NodeClaim may become, priced at its cheapest compatible offering.
public struct InstanceTypeOption: Sendable, Hashable {
    public var name: String
    public var zone: String
    public var capacityType: String
    public var price: Double
    public var allocatable: ResourceVector
}

public struct UnschedulablePod: Sendable, Hashable {
    public var pod: String
    /// One line, in upstream's wording where it has one.
    public var reason: String
    /// The structured reasons (one per NodePool tried, or the single blocking reason).
    public var failures: [SchedulingFailure]
}

/// Every candidate tried for one pod, in order, and the relaxations applied.
public struct PodTrace: Sendable, Hashable {
    public var pod: String
    public var attempts: [CandidateAttempt]
    /// Human-readable relaxation steps, e.g. `removed preferred node affinity term (weight 50)`.
    public var relaxations: [String]
    /// Where the pod went: `node/<name>`, `nodeclaim/<name>`, or nil when unschedulable.
    public var outcome: String?
}

public struct CandidateAttempt: Sendable, Hashable {
    public enum Candidate: Sendable, Hashable, CustomStringConvertible {
        case existingNode(String)
        case inFlightNodeClaim(String)
        case nodePool(String)

        public var description: String {
            switch self {
            case .existingNode(let name): return "node/\(name)"
            case .inFlightNodeClaim(let name): return "nodeclaim/\(name)"
            case .nodePool(let name): return "nodepool/\(name)"
            }
        }
    }

    public var candidate: Candidate
    /// nil when the pod fits this candidate.
    public var failure: SchedulingFailure?
}
