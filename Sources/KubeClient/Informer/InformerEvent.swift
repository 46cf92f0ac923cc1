import KarpenterAPI

/// A change to an informer's cache, delivered to handlers in the order it happened.
public enum InformerEvent: Sendable, Equatable {
    case added(JSONValue)
    /// `old == new` on a resync: the handler is asked to look at the object again.
    case updated(old: JSONValue, new: JSONValue)
    /// The last state the cache knew (after a relist, the object may have been deleted long ago).
    case deleted(JSONValue)

    public var object: JSONValue {
        switch self {
        case .added(let object), .deleted(let object): object
        case .updated(_, let new): new
        }
    }
}

/// `namespace/name`, or `name` for cluster-scoped objects: the cache's key.
public struct ObjectKey: Sendable, Hashable, CustomStringConvertible, Comparable {
    public var namespace: String?
    public var name: String

    public init(namespace: String?, name: String) {
        self.namespace = namespace.flatMap { $0.isEmpty ? nil : $0 }
        self.name = name
    }

    public init(_ object: JSONValue) {
        self.init(namespace: object["metadata"]?["namespace"]?.stringValue, name: object["metadata"]?["name"]?.stringValue ?? "")
    }

    public var description: String { namespace.map { "\($0)/\(name)" } ?? name }

    public static func < (lhs: ObjectKey, rhs: ObjectKey) -> Bool { lhs.description < rhs.description }
}
