import NIOConcurrencyHelpers

/// Makes the next `count` requests matching `method` and `pathPrefix` fail with a Status.
public struct InjectedFailure: Sendable {
    /// nil matches every method.
    public var method: String?
    public var pathPrefix: String
    public var count: Int
    public var status: Int
    /// Defaults to the reason the API server uses for the status code.
    public var reason: String?
    public var message: String?
    /// Sent as `Retry-After` and `details.retryAfterSeconds`.
    public var retryAfterSeconds: Int?

    public init(method: String? = nil, pathPrefix: String = "/", count: Int = 1, status: Int,
                reason: String? = nil, message: String? = nil, retryAfterSeconds: Int? = nil) {
        self.method = method
        self.pathPrefix = pathPrefix
        self.count = count
        self.status = status
        self.reason = reason
        self.message = message
        self.retryAfterSeconds = retryAfterSeconds
    }

    /// The API Priority and Fairness rejection.
    public static func tooManyRequests(method: String? = nil, pathPrefix: String = "/", count: Int = 1,
                                       retryAfterSeconds: Int = 1) -> InjectedFailure {
        InjectedFailure(method: method, pathPrefix: pathPrefix, count: count, status: 429,
                        retryAfterSeconds: retryAfterSeconds)
    }

    func matches(method: String, path: String) -> Bool {
        (self.method.map { $0.uppercased() == method.uppercased() } ?? true) && path.hasPrefix(pathPrefix)
    }

    var error: APIError {
        let (defaultReason, defaultMessage): (String, String)
        switch status {
        case 429: (defaultReason, defaultMessage) = ("TooManyRequests", "Too many requests, please try again later.")
        case 500: (defaultReason, defaultMessage) = ("InternalError", "Internal error occurred: injected failure")
        case 503: (defaultReason, defaultMessage) = ("ServiceUnavailable", "the server is currently unable to handle the request")
        case 504: (defaultReason, defaultMessage) = ("Timeout", "the server was unable to return a response in the time allotted, but may still be processing the request")
        case 409: (defaultReason, defaultMessage) = ("Conflict", "the object has been modified; please apply your changes to the latest version and try again")
        case 401: (defaultReason, defaultMessage) = ("Unauthorized", "Unauthorized")
        case 403: (defaultReason, defaultMessage) = ("Forbidden", "forbidden")
        default: (defaultReason, defaultMessage) = ("InternalError", "injected failure")
        }
        return APIError(code: status, reason: reason ?? defaultReason, message: message ?? defaultMessage,
                        retryAfterSeconds: retryAfterSeconds)
    }
}

/// One request as the server saw it.
public struct RecordedRequest: Sendable, Equatable {
    public var method: String
    public var path: String
    /// The raw query string ("" when none).
    public var query: String
    /// The authenticated user, nil for anonymous.
    public var user: String?
    public var status: Int

    public init(method: String, path: String, query: String, user: String?, status: Int) {
        self.method = method
        self.path = path
        self.query = query
        self.user = user
        self.status = status
    }

    /// The decoded value of one query parameter.
    public func queryValue(_ name: String) -> String? {
        QueryParameters(query).value(name)
    }
}

/// Pending injected failures and the request log, shared by every connection.
final class TestHookState: Sendable {
    private let failures = NIOLockedValueBox<[InjectedFailure]>([])
    private let log = NIOLockedValueBox<[RecordedRequest]>([])

    func inject(_ failure: InjectedFailure) {
        guard failure.count > 0 else { return }
        failures.withLockedValue { $0.append(failure) }
    }

    /// The failure to answer with, consuming one of its remaining uses.
    func takeFailure(method: String, path: String) -> APIError? {
        failures.withLockedValue { pending in
            guard let index = pending.firstIndex(where: { $0.matches(method: method, path: path) }) else { return nil }
            let error = pending[index].error
            pending[index].count -= 1
            if pending[index].count <= 0 { pending.remove(at: index) }
            return error
        }
    }

    func record(_ request: RecordedRequest) {
        log.withLockedValue { $0.append(request) }
    }

    var requests: [RecordedRequest] { log.withLockedValue { $0 } }
}
