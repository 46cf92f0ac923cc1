import KarpenterAPI

/// The JSON types `ObjectMeta` decodes, checked as decoding does: a number where a string
/// belongs is a 400 before any validation runs.
enum ObjectMetaShape {
    private static let stringFields = ["name", "generateName", "namespace", "uid", "resourceVersion",
                                       "creationTimestamp", "deletionTimestamp", "selfLink"]
    private static let stringMaps = ["labels", "annotations"]

    /// The decoding problem, phrased as Go's `encoding/json`, or nil.
    static func problem(_ metadata: JSONValue?) -> String? {
        guard let fields = metadata?.objectValue else { return nil }
        for name in stringFields {
            if let value = fields[name], !value.isNull, value.stringValue == nil {
                return unmarshal(value, field: "metadata.\(name)", goType: "string")
            }
        }
        for name in stringMaps {
            guard let value = fields[name], !value.isNull else { continue }
            guard let map = value.objectValue else {
                return unmarshal(value, field: "metadata.\(name)", goType: "map[string]string")
            }
            if let entry = map.values.first(where: { !$0.isNull && $0.stringValue == nil }) {
                return unmarshal(entry, field: "metadata.\(name)", goType: "string")
            }
        }
        if let value = fields["finalizers"], !value.isNull {
            guard let items = value.arrayValue else { return unmarshal(value, field: "metadata.finalizers", goType: "[]string") }
            if let item = items.first(where: { $0.stringValue == nil }) {
                return unmarshal(item, field: "metadata.finalizers", goType: "string")
            }
        }
        if let value = fields["ownerReferences"], !value.isNull {
            guard let items = value.arrayValue, items.allSatisfy({ $0.objectValue != nil }) else {
                return unmarshal(value, field: "metadata.ownerReferences", goType: "[]v1.OwnerReference")
            }
        }
        for name in ["generation", "deletionGracePeriodSeconds"] {
            if let value = fields[name], !value.isNull, value.integerValue == nil {
                return unmarshal(value, field: "metadata.\(name)", goType: "int64")
            }
        }
        return nil
    }

    private static func unmarshal(_ value: JSONValue, field: String, goType: String) -> String {
        let found = value.typeName == "integer" ? "number" : value.typeName
        return "json: cannot unmarshal \(found) into Go struct field ObjectMeta.\(field) of type \(goType)"
    }
}
