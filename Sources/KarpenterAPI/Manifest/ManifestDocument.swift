/// One YAML or JSON document of a manifest, with where each of its fields was written.
public struct ManifestDocument: Sendable {
    /// The document's content.
    public var value: JSONValue
    /// 1-based position of the document in its file (`---` separated).
    public var index: Int
    /// Where the document starts.
    public var start: SourceLocation
    /// Where each field and list item was written (the key's position for fields).
    public var locations: [FieldPath: SourceLocation]

    public init(value: JSONValue, index: Int, start: SourceLocation, locations: [FieldPath: SourceLocation] = [:]) {
        self.value = value
        self.index = index
        self.start = start
        self.locations = locations
    }

    /// The closest recorded position for `path`: the field itself, else its nearest parent.
    public func location(of path: FieldPath) -> SourceLocation {
        var current: FieldPath? = path
        while let candidate = current {
            if let found = locations[candidate] { return found }
            current = candidate.parent
        }
        return start
    }
}
