import KarpenterAPI

/// One page (or all pages) of a list: the items with `kind` and `apiVersion` filled in (the
/// API server leaves them out of list items), and the list's resourceVersion to watch from.
public struct ObjectList: Sendable, Equatable {
    public var items: [JSONValue]
    public var resourceVersion: String
    /// Set when more pages follow.
    public var continueToken: String?
    public var remainingItemCount: Int?

    public init(items: [JSONValue], resourceVersion: String, continueToken: String? = nil, remainingItemCount: Int? = nil) {
        self.items = items
        self.resourceVersion = resourceVersion
        self.continueToken = continueToken
        self.remainingItemCount = remainingItemCount
    }
}

/// What a delete did: the object is gone, or it stays until finalizers are removed or the
/// pod's grace period ends (it then carries `deletionTimestamp`).
public struct DeleteResult: Sendable, Equatable {
    /// The server's answer when it returned the object (nil for a bare Success status).
    public var object: JSONValue?
    public var stillExists: Bool
}
