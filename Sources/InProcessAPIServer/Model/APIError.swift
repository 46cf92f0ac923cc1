import KarpenterAPI
import OrderedCollections

/// A failed request, shaped as the `Status` the real API server answers with.
public struct APIError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Cause: Sendable, Equatable {
        public var reason: String?
        public var message: String
        public var field: String?

        public init(reason: String? = nil, message: String, field: String? = nil) {
            self.reason = reason
            self.message = message
            self.field = field
        }
    }

    public var code: Int
    public var reason: String
    public var message: String
    public var name: String?
    public var group: String?
    /// The resource (`pods`) for most errors, the kind (`Pod`) for Invalid ones, as upstream.
    public var kind: String?
    public var causes: [Cause]
    public var retryAfterSeconds: Int?
    /// `metadata.continue` of the Status (an inconsistent continue token on an expired list).
    public var continueToken: String?
    /// Set when the `details` object should be present even when empty (`"details":{}`).
    var emptyDetails = false

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

    public var description: String { "\(code) \(reason): \(message)" }

    /// The `Status` object.
    public var status: JSONValue {
        var object = OrderedDictionary<String, JSONValue>()
        object["kind"] = .string("Status")
        object["apiVersion"] = .string("v1")
        var metadata = OrderedDictionary<String, JSONValue>()
        if let continueToken { metadata["continue"] = .string(continueToken) }
        object["metadata"] = .object(metadata)
        object["status"] = .string("Failure")
        object["message"] = .string(message)
        object["reason"] = .string(reason)
        var details = OrderedDictionary<String, JSONValue>()
        if let name, !name.isEmpty { details["name"] = .string(name) }
        if let group, !group.isEmpty { details["group"] = .string(group) }
        if let kind, !kind.isEmpty { details["kind"] = .string(kind) }
        if !causes.isEmpty {
            details["causes"] = .array(causes.map { cause in
                var entry = OrderedDictionary<String, JSONValue>()
                if let reason = cause.reason { entry["reason"] = .string(reason) }
                entry["message"] = .string(cause.message)
                if let field = cause.field { entry["field"] = .string(field) }
                return .object(entry)
            })
        }
        if let retryAfterSeconds, retryAfterSeconds > 0 { details["retryAfterSeconds"] = .int(Int64(retryAfterSeconds)) }
        if !details.isEmpty || emptyDetails { object["details"] = .object(details) }
        object["code"] = .int(Int64(code))
        return .object(object)
    }
}

extension APIError {
    static func notFound(_ type: ResourceType, _ name: String) -> APIError {
        APIError(code: 404, reason: "NotFound", message: "\(type.groupResource) \"\(name)\" not found",
                 name: name, group: type.group, kind: type.resource)
    }

    static func alreadyExists(_ type: ResourceType, _ name: String) -> APIError {
        APIError(code: 409, reason: "AlreadyExists", message: "\(type.groupResource) \"\(name)\" already exists",
                 name: name, group: type.group, kind: type.resource)
    }

    /// The optimistic-concurrency failure of an update with a stale resourceVersion.
    static func conflict(_ type: ResourceType, _ name: String, subresource: String? = nil,
                         because problem: String = modifiedProblem) -> APIError {
        let resource = type.groupResource + (subresource.map { "/" + $0 } ?? "")
        return APIError(code: 409, reason: "Conflict",
                        message: "Operation cannot be fulfilled on \(resource) \"\(name)\": \(problem)",
                        name: name, group: type.group, kind: subresource.map { type.resource + "/" + $0 } ?? type.resource)
    }

    static let modifiedProblem = "the object has been modified; please apply your changes to the latest version and try again"

    static func invalid(_ type: ResourceType, _ name: String, _ issues: [FieldIssue]) -> APIError {
        let rendered = issues.map { "\($0.field): \($0.message)" }
        let summary = rendered.count == 1 ? rendered[0] : "[" + rendered.joined(separator: ", ") + "]"
        return APIError(code: 422, reason: "Invalid", message: "\(type.qualifiedKind) \"\(name)\" is invalid: \(summary)",
                        name: name, group: type.group, kind: type.kind,
                        causes: issues.map { Cause(reason: $0.reason, message: $0.message, field: $0.field) })
    }

    static func badRequest(_ message: String) -> APIError {
        APIError(code: 400, reason: "BadRequest", message: message)
    }

    static func forbidden(_ type: ResourceType, _ name: String, _ problem: String, causes: [Cause] = []) -> APIError {
        APIError(code: 403, reason: "Forbidden", message: "\(type.groupResource) \"\(name)\" is forbidden: \(problem)",
                 name: name, group: type.group, kind: type.resource, causes: causes)
    }

    static func internalError(_ problem: String) -> APIError {
        APIError(code: 500, reason: "InternalError", message: "Internal error occurred: \(problem)",
                 causes: [Cause(message: problem)])
    }

    static func expired(_ message: String) -> APIError {
        APIError(code: 410, reason: "Expired", message: message)
    }

    static var resourceNotFound: APIError {
        var error = APIError(code: 404, reason: "NotFound", message: "the server could not find the requested resource")
        error.emptyDetails = true
        return error
    }

    static var methodNotAllowed: APIError {
        var error = APIError(code: 405, reason: "MethodNotAllowed", message: "the server does not allow this method on the requested resource")
        error.emptyDetails = true
        return error
    }

    static func unsupportedMediaType(_ accepted: [String]) -> APIError {
        APIError(code: 415, reason: "UnsupportedMediaType",
                 message: "the body of the request was in an unknown format - accepted media types include: " + accepted.joined(separator: ", "))
    }

    static var unauthorized: APIError {
        APIError(code: 401, reason: "Unauthorized", message: "Unauthorized")
    }

    /// What a failed JSON patch `test` (or any patch application error) answers.
    static func patchRejected(_ problem: String) -> APIError {
        APIError(code: 422, reason: "Invalid", message: "the server rejected our request due to an error in our request",
                 causes: [Cause(reason: "UnexpectedServerResponse", message: problem)])
    }
}

/// One field-level validation problem (a `field.Error`).
struct FieldIssue: Sendable, Equatable {
    var reason: String
    var field: String
    /// The error body, `Invalid value: "x": ...`, without the field.
    var message: String

    static func required(_ field: String, _ detail: String? = nil) -> FieldIssue {
        FieldIssue(reason: "FieldValueRequired", field: field, message: "Required value" + (detail.map { ": " + $0 } ?? ""))
    }

    static func invalid(_ field: String, _ value: String, _ detail: String) -> FieldIssue {
        FieldIssue(reason: "FieldValueInvalid", field: field, message: "Invalid value: \(value): \(detail)")
    }

    static func forbidden(_ field: String, _ detail: String) -> FieldIssue {
        FieldIssue(reason: "FieldValueForbidden", field: field, message: "Forbidden: \(detail)")
    }

    static func quoted(_ text: String) -> String {
        JSONWriter.string(.string(text))
    }
}
