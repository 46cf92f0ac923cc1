extension Requirements {
    /// Narrows these (existing-side) requirements by `incoming` in place with `Compatible`
    /// semantics (SCHEDULING.md §3.3), reporting the keys that changed, or the first
    /// incompatibility (leaving `self` partly narrowed; callers discard it then).
    /// Unlike `intersection`, it writes only when a key really narrows, so the common
    /// "nothing new" case copies nothing.
    mutating func narrow(by incoming: Requirements, allowUndefined: LabelKeySet) -> Result<[LabelKey], RequirementIncompatibility> {
        var changed: [LabelKey] = []
        for requirement in incoming {
            if has(requirement.key) {
                let current = get(requirement.key)
                if let conflict = Self.conflict(existing: current, incoming: requirement) { return .failure(conflict) }
                let merged = current.intersection(requirement)
                if merged != current {
                    set(merged)
                    changed.append(requirement.key)
                }
            } else {
                guard allowUndefined.contains(requirement.key) || requirement.operator.isNegative else {
                    return .failure(.undefinedLabel(key: requirement.key,
                                                    typoOf: typoHint(for: requirement.key.name, allowUndefined: allowUndefined)))
                }
                set(requirement)
                changed.append(requirement.key)
            }
        }
        return .success(changed)
    }
}
