/// One finding about an object: an error the API server would reject, or a warning about a
/// likely mistake that it would accept.
public struct ValidationIssue: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Codable {
        case error
        case warning
    }

    /// Stable reason codes (the Kubernetes `field.ErrorType` names where one applies).
    public enum Reason: String, Sendable, Hashable, Codable, CaseIterable {
        case required = "FieldValueRequired"
        case invalid = "FieldValueInvalid"
        case notSupported = "FieldValueNotSupported"
        case typeInvalid = "FieldValueTypeInvalid"
        case duplicate = "FieldValueDuplicate"
        case tooLong = "FieldValueTooLong"
        case tooMany = "FieldValueTooMany"
        case forbidden = "FieldValueForbidden"
        case unknownField = "FieldValueUnknown"
        case ruleFailed = "RuleFailed"
        case immutable = "FieldValueImmutable"
        case unknownValue = "UnknownWellKnownValue"
        case likelyTypo = "LikelyTypo"
        case limitedFlexibility = "LimitedFlexibility"
        case runtimeInvalid = "RuntimeValidationFailed"
        case notPortable = "NotPortable"
    }

    public var severity: Severity
    public var reason: Reason
    public var path: FieldPath
    /// What is wrong, in the API server's words where it has them.
    public var message: String
    /// What to do about it.
    public var hint: String?

    public init(_ severity: Severity, _ reason: Reason, _ path: FieldPath, _ message: String, hint: String? = nil) {
        self.severity = severity
        self.reason = reason
        self.path = path
        self.message = message
        self.hint = hint
    }

    public static func error(_ reason: Reason, _ path: FieldPath, _ message: String, hint: String? = nil) -> ValidationIssue {
        ValidationIssue(.error, reason, path, message, hint: hint)
    }

    public static func warning(_ reason: Reason, _ path: FieldPath, _ message: String, hint: String? = nil) -> ValidationIssue {
        ValidationIssue(.warning, reason, path, message, hint: hint)
    }

    /// `spec.weight: Invalid value: 0: ...` as kubectl prints it.
    public var description: String {
        "\(path): \(message)" + (hint.map { " (\($0))" } ?? "")
    }
}
