import OrderedCollections

/// JSON kept in a `compatibility.karpenter.sh/...` annotation so that a field one API version
/// lacks survives a trip through that version.
enum CompatibilityAnnotation {
    static let annotations = ["metadata", "annotations"]

    /// Stores `value` as compact JSON text under `key`.
    static func put(_ tree: inout JSONValue, _ key: String, _ value: JSONValue) {
        ConversionTree.set(&tree, annotations + [key], .string(ConversionTree.jsonText(value)))
    }

    enum Taken {
        case absent
        case value(JSONValue)
        /// The annotation is there but is not a JSON object; it is left in place.
        case unreadable
    }

    /// Removes the annotation and returns its JSON object; pruning an emptied annotation map.
    static func take(_ tree: inout JSONValue, _ key: String) -> Taken {
        guard let text = ConversionTree.get(tree, annotations + [key])?.stringValue else { return .absent }
        guard let value = ConversionTree.parseJSON(text), value.objectValue != nil else { return .unreadable }
        drop(&tree, key)
        return .value(value)
    }

    /// Removes the annotation; true when it was there.
    @discardableResult
    static func drop(_ tree: inout JSONValue, _ key: String) -> Bool {
        guard ConversionTree.remove(&tree, annotations + [key]) != nil else { return false }
        if ConversionTree.get(tree, annotations)?.objectValue?.isEmpty == true {
            ConversionTree.remove(&tree, annotations)
        }
        return true
    }
}
