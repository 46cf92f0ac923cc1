import OrderedCollections

/// One node of a CRD's structural OpenAPI schema: the keywords the API server enforces.
public final class SchemaNode: Sendable {
    public struct Rule: Sendable {
        public let source: String
        public let message: String
        let expression: CELExpression
        /// Transition rules compare with the stored object and run only on update.
        public let isTransition: Bool
    }

    public let type: String?
    public let format: String?
    public let enumValues: [JSONValue]?
    public let pattern: String?
    public let minimum: Double?
    public let maximum: Double?
    public let exclusiveMinimum: Bool
    public let exclusiveMaximum: Bool
    public let minLength: Int?
    public let maxLength: Int?
    public let minItems: Int?
    public let maxItems: Int?
    public let minProperties: Int?
    public let maxProperties: Int?
    public let required: [String]
    public let defaultValue: JSONValue?
    public let listType: String?
    public let listMapKeys: [String]
    public let intOrString: Bool
    public let anyOfTypes: [String]
    public let preserveUnknownFields: Bool
    public let nullable: Bool
    public let rules: [Rule]
    public let properties: OrderedDictionary<String, SchemaNode>
    public let items: SchemaNode?
    /// The schema of map values (`additionalProperties`).
    public let mapValues: SchemaNode?
    /// Everything the flattened schema said about this node, for CRD generation.
    public let keywords: OrderedDictionary<String, JSONValue>

    init(keywords: OrderedDictionary<String, JSONValue>,
         properties: OrderedDictionary<String, SchemaNode>,
         items: SchemaNode?,
         mapValues: SchemaNode?) throws {
        self.keywords = keywords
        self.properties = properties
        self.items = items
        self.mapValues = mapValues
        type = keywords["type"]?.stringValue
        format = keywords["format"]?.stringValue
        enumValues = keywords["enum"]?.arrayValue
        pattern = keywords["pattern"]?.stringValue
        minimum = keywords["minimum"]?.doubleValue
        maximum = keywords["maximum"]?.doubleValue
        exclusiveMinimum = keywords["exclusiveMinimum"]?.boolValue ?? false
        exclusiveMaximum = keywords["exclusiveMaximum"]?.boolValue ?? false
        minLength = keywords["minLength"]?.integerValue.map(Int.init)
        maxLength = keywords["maxLength"]?.integerValue.map(Int.init)
        minItems = keywords["minItems"]?.integerValue.map(Int.init)
        maxItems = keywords["maxItems"]?.integerValue.map(Int.init)
        minProperties = keywords["minProperties"]?.integerValue.map(Int.init)
        maxProperties = keywords["maxProperties"]?.integerValue.map(Int.init)
        required = keywords["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
        defaultValue = keywords["default"]
        listType = keywords["x-kubernetes-list-type"]?.stringValue
        listMapKeys = keywords["x-kubernetes-list-map-keys"]?.arrayValue?.compactMap(\.stringValue) ?? []
        intOrString = keywords["x-kubernetes-int-or-string"]?.boolValue ?? false
        anyOfTypes = keywords["anyOf"]?.arrayValue?.compactMap { $0["type"]?.stringValue } ?? []
        preserveUnknownFields = keywords["x-kubernetes-preserve-unknown-fields"]?.boolValue ?? false
        nullable = keywords["nullable"]?.boolValue ?? false
        rules = try (keywords["x-kubernetes-validations"]?.arrayValue ?? []).map { rule in
            let source = rule["rule"]?.stringValue ?? "true"
            return Rule(
                source: source,
                message: rule["message"]?.stringValue ?? "failed rule: \(source)",
                expression: try CELParser.parse(source),
                isTransition: source.contains("oldSelf")
            )
        }
    }

    /// True for an object that lists its fields (so any other field is unknown).
    public var hasFixedFields: Bool { !properties.isEmpty }
}
