/// A requirement as users write it (NodePool requirement, node selector expression, catalog
/// entry): the typed Kubernetes models convert into this.
public struct RequirementInput: Sendable, Hashable, Codable {
    public var key: String
    public var `operator`: String
    public var values: [String]
    public var minValues: Int?

    public init(key: String, operator: String, values: [String] = [], minValues: Int? = nil) {
        self.key = key
        self.operator = `operator`
        self.values = values
        self.minValues = minValues
    }
}
