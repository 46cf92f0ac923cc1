/// Why two requirement sets are incompatible. Holds interned keys and the two requirements,
/// so building one costs no string work; text is produced only when printed.
public enum RequirementIncompatibility: Error, Sendable, Hashable, CustomStringConvertible {
    /// The incoming side asks `In`/`Exists` for a key the existing side does not define.
    case undefinedLabel(key: LabelKey, typoOf: String?)
    /// Both sides define `key` but allow no common value.
    case noCommonValue(existing: Requirement, incoming: Requirement)

    public var key: String {
        switch self {
        case .undefinedLabel(let key, _): return key.name
        case .noCommonValue(let existing, _): return existing.key.name
        }
    }

    /// Values the existing (node, NodePool, instance type) side allows; nil for undefined labels.
    public var existingAllowed: Requirement? {
        if case .noCommonValue(let existing, _) = self { return existing }
        return nil
    }

    /// Values the incoming (pod) side asks for.
    public var incomingAllowed: Requirement? {
        if case .noCommonValue(_, let incoming) = self { return incoming }
        return nil
    }

    /// Upstream wording: `label "k" does not have known values (typo of "x"?)` and
    /// `key k, k In [a] not in k In [b]`.
    public var description: String {
        switch self {
        case .undefinedLabel(let key, let typo):
            var text = "label \"\(key.name)\" does not have known values"
            if let typo { text += " (typo of \"\(typo)\"?)" }
            return text
        case .noCommonValue(let existing, let incoming):
            return "key \(existing.key.name), \(incoming) not in \(existing)"
        }
    }
}

extension Array where Element == RequirementIncompatibility {
    /// All reasons joined the way upstream's multierr prints them.
    public var joinedDescription: String { map(\.description).joined(separator: "; ") }
}
