import KarpenterAPI

/// Something about the input worth telling the user: an object that cannot be used (error),
/// one that is used but probably not as intended (warning), or how the input was read (note).
public struct SnapshotDiagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Codable {
        case error
        case warning
        case note
    }

    public var severity: Severity
    public var file: String?
    public var location: SourceLocation?
    /// `Kind/name` of the object concerned.
    public var object: String?
    public var message: String
    public var hint: String?

    public init(_ severity: Severity, file: String? = nil, location: SourceLocation? = nil, object: String? = nil,
                _ message: String, hint: String? = nil) {
        self.severity = severity
        self.file = file
        self.location = location
        self.object = object
        self.message = message
        self.hint = hint
    }

    /// `file:line:column: error: NodePool/x: message (hint)`, as compilers print it.
    public var description: String {
        var text = ""
        if let file {
            text += file
            if let location { text += ":\(location.line):\(location.column)" }
            text += ": "
        }
        text += "\(severity.rawValue): "
        if let object { text += "\(object): " }
        text += message
        if let hint { text += " (\(hint))" }
        return text
    }
}
