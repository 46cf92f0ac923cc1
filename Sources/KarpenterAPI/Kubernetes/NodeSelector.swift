public struct NodeSelectorOperator: OpenEnum {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let `in`: NodeSelectorOperator = "In"
    public static let notIn: NodeSelectorOperator = "NotIn"
    public static let exists: NodeSelectorOperator = "Exists"
    public static let doesNotExist: NodeSelectorOperator = "DoesNotExist"
    public static let gt: NodeSelectorOperator = "Gt"
    public static let lt: NodeSelectorOperator = "Lt"
    /// Karpenter extensions (core ≥ v1.10), accepted in NodePool/NodeClaim requirements only.
    public static let gte: NodeSelectorOperator = "Gte"
    public static let lte: NodeSelectorOperator = "Lte"
    public static let knownValues: [NodeSelectorOperator] = [.in, .notIn, .exists, .doesNotExist, .gt, .lt, .gte, .lte]
    /// The operators core Kubernetes itself accepts in node affinity.
    public static let kubernetesValues: [NodeSelectorOperator] = [.in, .notIn, .exists, .doesNotExist, .gt, .lt]
}

public struct NodeSelectorRequirement: Codable, Hashable, Sendable {
    public var key: String
    public var `operator`: NodeSelectorOperator
    public var values: [String]?

    public init(key: String, operator: NodeSelectorOperator, values: [String]? = nil) {
        self.key = key
        self.operator = `operator`
        self.values = values
    }
}

/// Expressions in one term are ANDed; terms in a `NodeSelector` are ORed.
public struct NodeSelectorTerm: Codable, Hashable, Sendable {
    public var matchExpressions: [NodeSelectorRequirement]?
    public var matchFields: [NodeSelectorRequirement]?

    public init(matchExpressions: [NodeSelectorRequirement]? = nil, matchFields: [NodeSelectorRequirement]? = nil) {
        self.matchExpressions = matchExpressions
        self.matchFields = matchFields
    }
}

public struct NodeSelector: Codable, Hashable, Sendable {
    public var nodeSelectorTerms: [NodeSelectorTerm]

    public init(nodeSelectorTerms: [NodeSelectorTerm]) {
        self.nodeSelectorTerms = nodeSelectorTerms
    }
}

public struct PreferredSchedulingTerm: Codable, Hashable, Sendable {
    public var weight: Int
    public var preference: NodeSelectorTerm

    public init(weight: Int, preference: NodeSelectorTerm) {
        self.weight = weight
        self.preference = preference
    }
}
