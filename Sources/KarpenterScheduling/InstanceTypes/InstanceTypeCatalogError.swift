import KarpenterAPI

/// Everything wrong with a catalog document, each problem at its field path.
public struct InstanceTypeCatalogError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Issue: Sendable, Equatable, CustomStringConvertible {
        public let path: FieldPath
        public let message: String
        public var description: String { "\(path): \(message)" }
    }

    public let issues: [Issue]

    public var description: String {
        "invalid InstanceTypeCatalog: " + issues.map(\.description).joined(separator: "; ")
    }
}
