import KarpenterAPI
import KarpenterCloud

/// A failed ARM call: HTTP status (0 when no answer came) and ARM's `error.code` / `error.message`.
struct ARMError: Error, Sendable, CustomStringConvertible {
    var status: Int
    var code: String
    var message: String
    var retryAfterSeconds: Int?

    var description: String { "\(code) (HTTP \(status)): \(message)" }
    var isNotFound: Bool { status == 404 || code == "ResourceNotFound" || code == "NotFound" }

    /// Reads `{"error":{"code","message","details"}}`; the first detail's code wins when the outer one is generic.
    init(status: Int, body: JSONValue?, fallback: String, retryAfterSeconds: Int? = nil) {
        self.status = status
        self.retryAfterSeconds = retryAfterSeconds
        let error = body?["error"]
        var code = error?["code"]?.stringValue ?? "HTTP\(status)"
        var message = error?["message"]?.stringValue ?? String(fallback.prefix(500))
        if let detail = error?["details"]?.arrayValue?.first, let detailCode = detail["code"]?.stringValue,
           ["InvalidRequestContent", "BadRequest", "Conflict"].contains(code) {
            code = detailCode
            message = detail["message"]?.stringValue ?? message
        }
        self.code = code
        self.message = message
    }

    init(status: Int, code: String, message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    /// The generic mapping (capacity codes are classified by the launch, which knows the offering).
    func cloudError(providerID: String) -> CloudProviderError {
        if isNotFound { return .notFound(providerID: providerID) }
        switch status {
        case 401, 403:
            return .permanent("Azure Resource Manager refused the request (\(code), HTTP \(status)): \(message). Check the identity's role assignments on the node resource group.")
        case 429:
            return .throttled(retryAfterSeconds: retryAfterSeconds, message: message)
        case 0, 500...599:
            return .transient(description)
        default:
            return .permanent(description)
        }
    }
}
