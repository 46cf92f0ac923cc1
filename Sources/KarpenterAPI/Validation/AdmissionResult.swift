/// The verdict on one object, as the API server (plus our extra warnings) would give it.
public struct AdmissionResult: Sendable {
    public enum Verdict: String, Sendable, Codable {
        case accepted
        case rejected
        /// Not a kind this project validates; left alone.
        case ignored
    }

    public var apiVersion: String
    public var kind: String
    public var name: String
    /// The object after the API server's defaulting (equal to the input when ignored).
    public var defaulted: JSONValue
    public var issues: [ValidationIssue]

    public var errors: [ValidationIssue] { issues.filter { $0.severity == .error } }
    public var warnings: [ValidationIssue] { issues.filter { $0.severity == .warning } }

    public var verdict: Verdict {
        if !SchemaRegistry.ownsKind(apiVersion: apiVersion, kind: kind) && errors.isEmpty { return .ignored }
        return errors.isEmpty ? .accepted : .rejected
    }
}
