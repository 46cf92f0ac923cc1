/// A manifest that could not be read as YAML or JSON: says which document and where.
public struct ManifestError: Error, Sendable, Equatable, CustomStringConvertible {
    public var document: Int?
    public var location: SourceLocation?
    public var message: String

    public init(document: Int? = nil, location: SourceLocation? = nil, message: String) {
        self.document = document
        self.location = location
        self.message = message
    }

    public var description: String {
        var prefix: [String] = []
        if let document { prefix.append("document \(document)") }
        if let location { prefix.append("line \(location.line), column \(location.column)") }
        return prefix.isEmpty ? message : prefix.joined(separator: ", ") + ": " + message
    }
}
