import KarpenterAPI

/// What the webhook answered to one AdmissionReview, with the labels metrics and logs use.
public struct AdmissionOutcome: Sendable {
    public let response: JSONValue
    public let uid: String
    public let kind: String
    public let name: String
    public let operation: String
    /// accepted, rejected, ignored (validate); patched, unchanged, ignored (mutate).
    public let verdict: String
    public let dryRun: Bool
}
