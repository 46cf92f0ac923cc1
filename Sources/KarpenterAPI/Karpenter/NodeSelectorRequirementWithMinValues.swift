/// A NodePool/NodeClaim requirement: a node selector requirement plus `minValues` (1–50), the
/// number of distinct values of `key` the scheduler must keep among candidate instance types.
public struct NodeSelectorRequirementWithMinValues: Codable, Hashable, Sendable {
    public var key: String
    public var `operator`: NodeSelectorOperator
    public var values: [String]?
    public var minValues: Int?

    public init(key: String, operator: NodeSelectorOperator, values: [String]? = nil, minValues: Int? = nil) {
        self.key = key
        self.operator = `operator`
        self.values = values
        self.minValues = minValues
    }

    public var nodeSelectorRequirement: NodeSelectorRequirement {
        NodeSelectorRequirement(key: key, operator: self.operator, values: values)
    }
}
