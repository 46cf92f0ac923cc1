/// Where in an object a value sits, printed the way the Kubernetes API server prints it:
/// `spec.template.spec.requirements[2].values`, `spec.limits[cpu]`.
public struct FieldPath: Sendable, Hashable, CustomStringConvertible, Comparable {
    public enum Component: Sendable, Hashable {
        case field(String)
        case index(Int)
        case key(String)
    }

    public private(set) var components: [Component]

    public init(_ components: [Component] = []) {
        self.components = components
    }

    /// Parses a dotted path such as `spec.template.spec` (fields only).
    public init(dotted: String) {
        self.components = dotted.split(separator: ".").map { .field(String($0)) }
    }

    public static let root = FieldPath()

    public func child(_ name: String) -> FieldPath { FieldPath(components + [.field(name)]) }
    public func index(_ position: Int) -> FieldPath { FieldPath(components + [.index(position)]) }
    public func key(_ name: String) -> FieldPath { FieldPath(components + [.key(name)]) }

    public var parent: FieldPath? {
        components.isEmpty ? nil : FieldPath(Array(components.dropLast()))
    }

    public var isRoot: Bool { components.isEmpty }

    public var description: String {
        var text = ""
        for component in components {
            switch component {
            case .field(let name):
                text += text.isEmpty ? name : "." + name
            case .index(let position):
                text += "[\(position)]"
            case .key(let name):
                text += "[\(name)]"
            }
        }
        return text.isEmpty ? "<root>" : text
    }

    public static func < (lhs: FieldPath, rhs: FieldPath) -> Bool {
        lhs.description < rhs.description
    }
}
