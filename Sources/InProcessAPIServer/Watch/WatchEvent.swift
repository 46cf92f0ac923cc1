import KarpenterAPI

/// One event of a watch stream, as it goes on the wire: `{"type":...,"object":...}`.
public struct WatchEvent: Sendable, Equatable {
    public enum EventType: String, Sendable, Equatable {
        case added = "ADDED"
        case modified = "MODIFIED"
        case deleted = "DELETED"
        case bookmark = "BOOKMARK"
        case error = "ERROR"
    }

    public var type: EventType
    public var object: JSONValue

    public init(type: EventType, object: JSONValue) {
        self.type = type
        self.object = object
    }

    /// The object's `metadata.resourceVersion`.
    public var resourceVersion: String { object.string(at: "metadata", "resourceVersion") ?? "" }

    public var json: JSONValue {
        .object(["type": .string(type.rawValue), "object": object])
    }
}

/// How a watch ended, from the store's side.
enum WatchEnd: Sendable {
    /// The requested time is over, or the server is shutting down: end the stream cleanly.
    case finished
    /// `dropWatchConnections`: cut the connection without a proper end.
    case dropped
}

/// Where a watch's events go. Called with the store lock held, so it must only hand the
/// event over (to an event loop, a stream), never block or call back into the store.
protocol WatchSink: Sendable {
    func receive(_ event: WatchEvent)
    func end(_ reason: WatchEnd)
}

/// Thrown by an in-process watch stream cut by `dropWatchConnections`.
public struct WatchDropped: Error, Sendable, CustomStringConvertible {
    public var description: String { "the watch connection was dropped" }
}
