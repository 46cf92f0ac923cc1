import OrderedCollections

/// The two shapes of a NodeClaim's `spec.nodeClassRef`: v1beta1 `{apiVersion, kind, name}`
/// (only name required) and v1 `{group, kind, name}` (all required).
enum NodeClaimNodeClassReference {
    static let path = "spec.nodeClassRef"
    /// The AKSNodeClass version a v1beta1 NodeClaim refers to.
    static let azureAPIVersion = KarpenterAPIGroup.azureV1alpha2

    /// The group named by a v1beta1 `apiVersion` (`group/version`), nil for a core or empty one.
    static func group(ofAPIVersion apiVersion: String?) -> String? {
        let parts = (apiVersion ?? "").split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty else { return nil }
        return parts[0]
    }

    /// v1beta1 → v1. `keptGroup` is the group a previous v1 → v1beta1 conversion could not
    /// express; it applies when `apiVersion` names no group.
    static func v1(from ref: OrderedDictionary<String, JSONValue>, keptGroup: String?) -> (ref: JSONValue, notes: [String]) {
        let apiVersion = ref["apiVersion"]?.stringValue
        var notes: [String] = []
        let group: String
        if let named = Self.group(ofAPIVersion: apiVersion) {
            group = named
            notes.append("moved \(path).apiVersion \(apiVersion ?? "") to \(path).group \(named)")
        } else if let keptGroup {
            group = keptGroup
            notes.append("restored \(path).group \(keptGroup) from annotation \(KarpenterAnnotation.nodeClaimV1SpecCompatibility)")
        } else {
            group = KarpenterAPIGroup.azure
            let was = (apiVersion ?? "").isEmpty ? "absent" : "\(apiVersion ?? ""), which names no group"
            notes.append("added \(path).group \(group) because apiVersion was \(was)")
        }
        var converted = OrderedDictionary<String, JSONValue>()
        for (key, value) in ref where key != "group" {
            if key == "apiVersion" { converted["group"] = .string(group) } else { converted[key] = value }
        }
        if converted["group"] == nil { converted["group"] = .string(group) }
        if (converted["kind"]?.stringValue ?? "").isEmpty {
            converted["kind"] = .string(KarpenterKind.aksNodeClass)
            notes.append("added \(path).kind \(KarpenterKind.aksNodeClass) because it was absent")
        }
        return (.object(converted), notes)
    }

    /// v1 → v1beta1. A group other than karpenter.azure.com has no v1beta1 apiVersion this
    /// provider knows, so it is dropped and returned as `droppedGroup` for safekeeping.
    static func v1beta1(from ref: OrderedDictionary<String, JSONValue>) -> (ref: JSONValue, droppedGroup: String?, notes: [String]) {
        guard let group = ref["group"] else { return (.object(ref), nil, []) }
        var converted = OrderedDictionary<String, JSONValue>()
        if group.stringValue == KarpenterAPIGroup.azure {
            for (key, value) in ref where key != "apiVersion" {
                converted[key] = key == "group" ? .string(azureAPIVersion) : value
            }
            converted = renamed(converted, from: "group", to: "apiVersion")
            return (.object(converted), nil, ["moved \(path).group \(KarpenterAPIGroup.azure) to \(path).apiVersion \(azureAPIVersion)"])
        }
        for (key, value) in ref where key != "group" { converted[key] = value }
        let text = ConversionTree.display(group)
        return (.object(converted), group.stringValue, ["dropped \(path).group \(text) because v1beta1 has no group field and its version is unknown"])
    }

    private static func renamed(_ dict: OrderedDictionary<String, JSONValue>, from old: String, to new: String) -> OrderedDictionary<String, JSONValue> {
        var result = OrderedDictionary<String, JSONValue>()
        for (key, value) in dict { result[key == old ? new : key] = value }
        return result
    }
}
