public struct UnsatisfiableConstraintAction: OpenEnum {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let doNotSchedule: UnsatisfiableConstraintAction = "DoNotSchedule"
    public static let scheduleAnyway: UnsatisfiableConstraintAction = "ScheduleAnyway"
    public static let knownValues: [UnsatisfiableConstraintAction] = [.doNotSchedule, .scheduleAnyway]
}

/// `nodeAffinityPolicy` / `nodeTaintsPolicy` values.
public struct NodeInclusionPolicy: OpenEnum {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let honor: NodeInclusionPolicy = "Honor"
    public static let ignore: NodeInclusionPolicy = "Ignore"
    public static let knownValues: [NodeInclusionPolicy] = [.honor, .ignore]
}

public struct TopologySpreadConstraint: Codable, Hashable, Sendable {
    public var maxSkew: Int
    public var topologyKey: String
    public var whenUnsatisfiable: UnsatisfiableConstraintAction
    public var labelSelector: LabelSelector?
    public var minDomains: Int?
    /// Absent means Honor.
    public var nodeAffinityPolicy: NodeInclusionPolicy?
    /// Absent means Ignore.
    public var nodeTaintsPolicy: NodeInclusionPolicy?
    public var matchLabelKeys: [String]?

    public init(
        maxSkew: Int, topologyKey: String, whenUnsatisfiable: UnsatisfiableConstraintAction,
        labelSelector: LabelSelector? = nil, minDomains: Int? = nil,
        nodeAffinityPolicy: NodeInclusionPolicy? = nil, nodeTaintsPolicy: NodeInclusionPolicy? = nil,
        matchLabelKeys: [String]? = nil
    ) {
        self.maxSkew = maxSkew
        self.topologyKey = topologyKey
        self.whenUnsatisfiable = whenUnsatisfiable
        self.labelSelector = labelSelector
        self.minDomains = minDomains
        self.nodeAffinityPolicy = nodeAffinityPolicy
        self.nodeTaintsPolicy = nodeTaintsPolicy
        self.matchLabelKeys = matchLabelKeys
    }

    public var effectiveNodeAffinityPolicy: NodeInclusionPolicy { nodeAffinityPolicy ?? .honor }
    public var effectiveNodeTaintsPolicy: NodeInclusionPolicy { nodeTaintsPolicy ?? .ignore }
}
