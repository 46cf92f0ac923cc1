extension Requirements {
    /// `Intersects` (SCHEDULING.md §3.3): every key present on both sides must share a value,
    /// unless both sides are negative (`NotIn`/`DoesNotExist`). Keys on one side only are ignored.
    /// `self` is the existing side, `incoming` the side being added.
    @inline(__always)
    public func intersects(_ incoming: Requirements) -> Bool {
        firstConflict(incoming) == nil
    }

    /// The first key (in key-id order) on which `intersects` fails.
    public func firstConflict(_ incoming: Requirements) -> RequirementIncompatibility? {
        var i = 0, j = 0
        let lhs = items, rhs = incoming.items
        while i < lhs.count && j < rhs.count {
            let a = lhs[i].key.id, b = rhs[j].key.id
            if a < b { i += 1; continue }
            if a > b { j += 1; continue }
            if let conflict = Self.conflict(existing: lhs[i], incoming: rhs[j]) { return conflict }
            i += 1; j += 1
        }
        return nil
    }

    /// Every key on which `intersects` fails, in alphabetical key order.
    public func conflicts(_ incoming: Requirements) -> [RequirementIncompatibility] {
        var result: [RequirementIncompatibility] = []
        for requirement in incoming.items {
            guard let position = index(of: requirement.key),
                  let conflict = Self.conflict(existing: items[position], incoming: requirement) else { continue }
            result.append(conflict)
        }
        return result.sorted { $0.key < $1.key }
    }

    @inline(__always)
    static func conflict(existing: Requirement, incoming: Requirement) -> RequirementIncompatibility? {
        if existing.hasIntersection(incoming) { return nil }
        if incoming.operator.isNegative && existing.operator.isNegative { return nil }
        return .noCommonValue(existing: existing, incoming: incoming)
    }

    /// `Compatible` (SCHEDULING.md §3.3): `self` is the existing side (node, NodeClaim,
    /// NodePool), `incoming` the pod side. Each incoming key must be defined here unless it is
    /// in `allowUndefined` or asks only `NotIn`/`DoesNotExist`; then the sets must intersect.
    @inline(__always)
    public func isCompatible(with incoming: Requirements, allowUndefined: LabelKeySet = LabelKeySet()) -> Bool {
        firstIncompatibility(with: incoming, allowUndefined: allowUndefined) == nil
    }

    /// The first reason `isCompatible` fails, or nil. Allocates nothing when compatible.
    public func firstIncompatibility(with incoming: Requirements,
                                     allowUndefined: LabelKeySet = LabelKeySet()) -> RequirementIncompatibility? {
        var i = 0
        let lhs = items
        for requirement in incoming.items {
            let id = requirement.key.id
            while i < lhs.count && lhs[i].key.id < id { i += 1 }
            if i < lhs.count && lhs[i].key.id == id {
                if let conflict = Self.conflict(existing: lhs[i], incoming: requirement) { return conflict }
                continue
            }
            if allowUndefined.contains(requirement.key) || requirement.operator.isNegative { continue }
            return .undefinedLabel(key: requirement.key,
                                   typoOf: typoHint(for: requirement.key.name, allowUndefined: allowUndefined))
        }
        return nil
    }

    /// Every reason `isCompatible` fails: undefined labels first, then value conflicts, each
    /// group in key order (the order upstream reports them in).
    public func incompatibilities(with incoming: Requirements,
                                  allowUndefined: LabelKeySet = LabelKeySet()) -> [RequirementIncompatibility] {
        var undefined: [RequirementIncompatibility] = []
        for requirement in incoming.items where !has(requirement.key) {
            if allowUndefined.contains(requirement.key) || requirement.operator.isNegative { continue }
            undefined.append(.undefinedLabel(key: requirement.key,
                                             typoOf: typoHint(for: requirement.key.name, allowUndefined: allowUndefined)))
        }
        undefined.sort { $0.key < $1.key }
        return undefined + conflicts(incoming)
    }

    /// A well-known (allowed-undefined) or existing key that `key` is probably a typo of: one
    /// containing `key`, or with the same name after the `/` prefix.
    func typoHint(for key: String, allowUndefined: LabelKeySet) -> String? {
        func resembles(_ candidate: String) -> Bool {
            candidate.contains(key) || Self.nameAfterPrefix(candidate) == Self.nameAfterPrefix(key)
        }
        if let match = allowUndefined.names.first(where: resembles) { return match }
        return keys.first(where: resembles)
    }

    static func nameAfterPrefix(_ key: String) -> Substring {
        guard let slash = key.firstIndex(of: "/") else { return key[...] }
        return key[key.index(after: slash)...]
    }
}
