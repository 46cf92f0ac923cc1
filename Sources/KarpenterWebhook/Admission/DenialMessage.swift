import KarpenterAPI

/// The `status.message` a person sees after `Error from server (Invalid): ... denied the
/// request:` — every error with its field path and the fix.
enum DenialMessage {
    static func text(kind: String, name: String, errors: [ValidationIssue]) -> String {
        let subject = name.isEmpty ? kind : "\(kind) \"\(name)\""
        let details = errors.map(\.description)
        let count = details.count == 1 ? "" : "\(details.count) errors: "
        return "\(subject) is invalid: \(count)\(details.joined(separator: "; "))"
    }

    /// One warning per issue, kept short as the API server expects (it truncates long ones).
    static func warning(_ issue: ValidationIssue, limit: Int = 256) -> String {
        let text = issue.description
        guard text.count > limit else { return text }
        return String(text.prefix(limit - 1)) + "…"
    }
}
