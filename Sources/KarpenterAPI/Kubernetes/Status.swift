/// The body the Kubernetes API returns with a failed request (`kind: Status`).
public struct Status: Codable, Hashable, Sendable, Error, CustomStringConvertible {
    public var apiVersion: String?
    public var kind: String?
    /// `Success` or `Failure`.
    public var status: String?
    public var message: String?
    /// Machine-readable, e.g. `NotFound`, `AlreadyExists`, `Conflict`, `Invalid`, `Expired`.
    public var reason: String?
    public var details: StatusDetails?
    public var code: Int?

    public init(apiVersion: String? = "v1", kind: String? = "Status", status: String? = nil, message: String? = nil,
                reason: String? = nil, details: StatusDetails? = nil, code: Int? = nil) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.status = status
        self.message = message
        self.reason = reason
        self.details = details
        self.code = code
    }

    public var description: String {
        "\(code.map(String.init) ?? "?") \(reason ?? "Unknown"): \(message ?? "")"
    }
}

public struct StatusDetails: Codable, Hashable, Sendable {
    public var name: String?
    public var group: String?
    public var kind: String?
    public var uid: String?
    public var causes: [StatusCause]?
    public var retryAfterSeconds: Int?

    public init(name: String? = nil, group: String? = nil, kind: String? = nil, uid: String? = nil,
                causes: [StatusCause]? = nil, retryAfterSeconds: Int? = nil) {
        self.name = name
        self.group = group
        self.kind = kind
        self.uid = uid
        self.causes = causes
        self.retryAfterSeconds = retryAfterSeconds
    }
}

public struct StatusCause: Codable, Hashable, Sendable {
    /// e.g. `FieldValueInvalid`, `FieldValueRequired`.
    public var reason: String?
    public var message: String?
    /// The field path, e.g. `spec.template.spec.requirements[0].key`.
    public var field: String?

    public init(reason: String? = nil, message: String? = nil, field: String? = nil) {
        self.reason = reason
        self.message = message
        self.field = field
    }
}
