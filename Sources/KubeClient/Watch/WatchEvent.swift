import KarpenterAPI

/// One event of a watch stream. `ERROR` events never reach the consumer: the stream throws
/// their `Status` instead (410 Gone means "relist").
public struct WatchEvent: Sendable, Equatable {
    public enum EventType: String, Sendable {
        case added = "ADDED"
        case modified = "MODIFIED"
        case deleted = "DELETED"
        /// Only `metadata.resourceVersion` is meaningful: a point to resume from.
        case bookmark = "BOOKMARK"
    }

    public var type: EventType
    public var object: JSONValue

    public init(type: EventType, object: JSONValue) {
        self.type = type
        self.object = object
    }

    public var resourceVersion: String? { object["metadata"]?["resourceVersion"]?.stringValue }
}
