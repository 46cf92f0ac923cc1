/// A request the webhook cannot answer with a review: the HTTP layer turns it into a 400
/// (or 413) with a Kubernetes `Status` body naming the reason.
public struct BadRequest: Error, Sendable, CustomStringConvertible {
    public let code: Int
    public let reason: String
    public let message: String

    public init(code: Int = 400, reason: String = "BadRequest", _ message: String) {
        self.code = code
        self.reason = reason
        self.message = message
    }

    public var description: String { message }

    static func field(_ path: String, _ problem: String) -> BadRequest {
        BadRequest("\(path): \(problem)")
    }
}
