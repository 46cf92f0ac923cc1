/// Static hashes that tell when a NodeClaim was made from an older NodePool template or
/// AKSNodeClass spec (drift, DISRUPTION.md §7 and CLOUD.md drift). The hash ignores empty
/// values (unset and empty are the same) and the order of set-like lists, so a no-op edit
/// never drifts nodes.
public enum TemplateHash {
    /// Version written next to both hashes; hashes are only compared when versions match.
    public static let version = "v3"

    /// `karpenter.sh/nodepool-hash`: the NodePool's `spec.template` without its requirements
    /// (template labels, annotations, taints, startup taints, nodeClassRef, expireAfter,
    /// terminationGracePeriod). Weight, limits and disruption settings never drift nodes.
    public static func nodePool(_ nodePool: JSONValue) -> String {
        guard var template = nodePool["spec"]?["template"]?.objectValue else { return digest(.null) }
        if var spec = template["spec"]?.objectValue {
            spec.removeValue(forKey: "requirements")
            template["spec"] = .object(spec)
        }
        return digest(.object(template))
    }

    /// `karpenter.azure.com/aksnodeclass-hash`: the AKSNodeClass spec except `tags` (tags are
    /// updated in place on VMs and NICs, they never replace a node).
    public static func nodeClass(_ nodeClass: JSONValue) -> String {
        guard var spec = nodeClass["spec"]?.objectValue else { return digest(.null) }
        spec.removeValue(forKey: "tags")
        return digest(.object(spec))
    }

    /// FNV-1a (64 bit) of the canonical form, in decimal like upstream's hash annotations.
    static func digest(_ value: JSONValue) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in canonical(value).utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return String(hash)
    }

    /// Sorted keys, empty values dropped, lists treated as sets (sorted by their canonical form).
    static func canonical(_ value: JSONValue) -> String {
        switch value {
        case .null: return ""
        case .bool(let flag): return flag ? "true" : ""
        case .number(let text): return Double(text) == 0 ? "" : text
        case .string(let text): return text.isEmpty ? "" : "\"\(text)\""
        case .array(let items):
            let parts = items.map(canonical).filter { !$0.isEmpty }.sorted()
            return parts.isEmpty ? "" : "[" + parts.joined(separator: ",") + "]"
        case .object(let fields):
            let parts = fields.keys.sorted().compactMap { key -> String? in
                let inner = canonical(fields[key]!)
                return inner.isEmpty ? nil : "\"\(key)\":\(inner)"
            }
            return parts.isEmpty ? "" : "{" + parts.joined(separator: ",") + "}"
        }
    }
}
