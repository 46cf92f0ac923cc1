import KarpenterAPI
import OrderedCollections

/// Rebuilds a CRD version's `openAPIV3Schema` from the core's schema tree, keywords in
/// alphabetical order (as controller-gen writes them) so the output is stable.
enum OpenAPISchema {
    static func json(_ node: SchemaNode) -> JSONValue {
        var members = OrderedDictionary<String, JSONValue>()
        for (key, value) in node.keywords { members[key] = value }
        if !node.properties.isEmpty {
            var properties = OrderedDictionary<String, JSONValue>()
            for name in node.properties.keys.sorted() { properties[name] = json(node.properties[name]!) }
            members["properties"] = .object(properties)
        }
        if let items = node.items { members["items"] = json(items) }
        if let values = node.mapValues { members["additionalProperties"] = json(values) }
        var sorted = OrderedDictionary<String, JSONValue>()
        for key in members.keys.sorted() { sorted[key] = members[key] }
        return .object(sorted)
    }
}
