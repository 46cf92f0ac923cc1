import KarpenterAPI

/// A `Status` failure the API server answered with, decoded: the HTTP code, the machine
/// reason (`NotFound`, `Conflict`, `Invalid`, `TooManyRequests`, `Expired`...), the message
/// as the server wrote it, and the field causes of an `Invalid`.
public struct StatusError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Cause: Sendable, Equatable {
        public var reason: String?
        public var message: String?
        public var field: String?
    }

    public var code: Int
    public var reason: String
    public var message: String
    public var name: String?
    public var group: String?
    public var kind: String?
    public var causes: [Cause]
    /// Seconds the server asked us to wait (`Retry-After` header or `details.retryAfterSeconds`).
    public var retryAfterSeconds: Int?

    public init(code: Int, reason: String, message: String, name: String? = nil, group: String? = nil,
                kind: String? = nil, causes: [Cause] = [], retryAfterSeconds: Int? = nil) {
        self.code = code
        self.reason = reason
        self.message = message
        self.name = name
        self.group = group
        self.kind = kind
        self.causes = causes
        self.retryAfterSeconds = retryAfterSeconds
    }

    public var isNotFound: Bool { code == 404 }
    public var isAlreadyExists: Bool { reason == "AlreadyExists" }
    public var isConflict: Bool { code == 409 && reason != "AlreadyExists" }
    public var isInvalid: Bool { reason == "Invalid" || code == 422 }
    public var isTooManyRequests: Bool { code == 429 }
    /// 410: a watch or continue token older than the server keeps.
    public var isGone: Bool { code == 410 || reason == "Expired" || reason == "Gone" }
    public var isUnauthorized: Bool { code == 401 }
    public var isForbidden: Bool { code == 403 }

    public var description: String {
        "\(message.isEmpty ? reason : message) (HTTP \(code)\(reason.isEmpty ? "" : ", \(reason)"))"
    }

    /// Decodes a `Status` body; a body that is not one (a proxy's HTML page, say) still gives
    /// an error that says what the server answered.
    static func decode(code: Int, body: [UInt8], retryAfter: Int?) -> StatusError {
        let reasonPhrase = HTTPStatusText.phrase(code)
        guard let status = try? JSONBodyParser.parse(body), status["kind"]?.stringValue == "Status" else {
            let text = String(decoding: body.prefix(200), as: UTF8.self)
                .split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            let message = text.isEmpty ? "the server answered \(code) \(reasonPhrase)"
                : "the server answered \(code) \(reasonPhrase): \(text)"
            return StatusError(code: code, reason: reasonPhrase.replacingOccurrences(of: " ", with: ""),
                               message: message, retryAfterSeconds: retryAfter)
        }
        let details = status["details"]
        let causes = details?["causes"]?.arrayValue?.map {
            Cause(reason: $0["reason"]?.stringValue, message: $0["message"]?.stringValue, field: $0["field"]?.stringValue)
        } ?? []
        let detailsRetry = details?["retryAfterSeconds"]?.integerValue.map(Int.init)
        return StatusError(code: status["code"]?.integerValue.map(Int.init) ?? code,
                           reason: status["reason"]?.stringValue ?? "",
                           message: status["message"]?.stringValue ?? "",
                           name: details?["name"]?.stringValue, group: details?["group"]?.stringValue,
                           kind: details?["kind"]?.stringValue, causes: causes,
                           retryAfterSeconds: retryAfter ?? detailsRetry)
    }
}

enum HTTPStatusText {
    static func phrase(_ code: Int) -> String {
        switch code {
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 409: "Conflict"
        case 410: "Gone"
        case 413: "Request Entity Too Large"
        case 415: "Unsupported Media Type"
        case 422: "Unprocessable Entity"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        default: "HTTP \(code)"
        }
    }
}
