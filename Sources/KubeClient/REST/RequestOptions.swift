import KarpenterAPI

/// `list` parameters: selectors, pagination and the resourceVersion semantics of the API.
public struct ListOptions: Sendable, Equatable {
    public var labelSelector: String?
    public var fieldSelector: String?
    /// Page size; nil = everything in one answer.
    public var limit: Int?
    public var continueToken: String?
    /// "0" = any version the server has cached; nil = most recent (a quorum read).
    public var resourceVersion: String?

    public init(labelSelector: String? = nil, fieldSelector: String? = nil, limit: Int? = nil,
                continueToken: String? = nil, resourceVersion: String? = nil) {
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.limit = limit
        self.continueToken = continueToken
        self.resourceVersion = resourceVersion
    }

    var query: [(String, String)] {
        var items: [(String, String)] = []
        if let labelSelector, !labelSelector.isEmpty { items.append(("labelSelector", labelSelector)) }
        if let fieldSelector, !fieldSelector.isEmpty { items.append(("fieldSelector", fieldSelector)) }
        if let limit { items.append(("limit", String(limit))) }
        if let continueToken, !continueToken.isEmpty { items.append(("continue", continueToken)) }
        if let resourceVersion { items.append(("resourceVersion", resourceVersion)) }
        return items
    }
}

/// `watch` parameters. Bookmarks are asked for by default: they let a resumed watch start
/// from a recent version instead of one the server may already have forgotten.
public struct WatchOptions: Sendable, Equatable {
    public var resourceVersion: String?
    public var labelSelector: String?
    public var fieldSelector: String?
    public var allowBookmarks: Bool
    /// The server ends the watch after this long; client-go picks 5 to 10 minutes at random.
    public var timeoutSeconds: Int

    public init(resourceVersion: String? = nil, labelSelector: String? = nil, fieldSelector: String? = nil,
                allowBookmarks: Bool = true, timeoutSeconds: Int = Int.random(in: 300...600)) {
        self.resourceVersion = resourceVersion
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.allowBookmarks = allowBookmarks
        self.timeoutSeconds = timeoutSeconds
    }

    var query: [(String, String)] {
        var items: [(String, String)] = [("watch", "true")]
        if let resourceVersion, !resourceVersion.isEmpty { items.append(("resourceVersion", resourceVersion)) }
        if let labelSelector, !labelSelector.isEmpty { items.append(("labelSelector", labelSelector)) }
        if let fieldSelector, !fieldSelector.isEmpty { items.append(("fieldSelector", fieldSelector)) }
        if allowBookmarks { items.append(("allowWatchBookmarks", "true")) }
        items.append(("timeoutSeconds", String(timeoutSeconds)))
        return items
    }
}

/// `DeleteOptions`: grace period, preconditions (uid / resourceVersion, 409 when they no
/// longer hold) and what happens to dependents.
public struct DeleteOptions: Sendable, Equatable {
    public enum Propagation: String, Sendable {
        case orphan = "Orphan"
        case background = "Background"
        case foreground = "Foreground"
    }

    public var gracePeriodSeconds: Int?
    public var preconditionUID: String?
    public var preconditionResourceVersion: String?
    public var propagationPolicy: Propagation?

    public init(gracePeriodSeconds: Int? = nil, preconditionUID: String? = nil,
                preconditionResourceVersion: String? = nil, propagationPolicy: Propagation? = nil) {
        self.gracePeriodSeconds = gracePeriodSeconds
        self.preconditionUID = preconditionUID
        self.preconditionResourceVersion = preconditionResourceVersion
        self.propagationPolicy = propagationPolicy
    }

    var body: JSONValue {
        var fields: [(String, JSONValue)] = [("kind", .string("DeleteOptions")), ("apiVersion", .string("v1"))]
        if let gracePeriodSeconds { fields.append(("gracePeriodSeconds", .int(Int64(gracePeriodSeconds)))) }
        var preconditions: [(String, JSONValue)] = []
        if let preconditionUID { preconditions.append(("uid", .string(preconditionUID))) }
        if let preconditionResourceVersion { preconditions.append(("resourceVersion", .string(preconditionResourceVersion))) }
        if !preconditions.isEmpty { fields.append(("preconditions", .object(.init(uniqueKeysWithValues: preconditions)))) }
        if let propagationPolicy { fields.append(("propagationPolicy", .string(propagationPolicy.rawValue))) }
        return .object(.init(uniqueKeysWithValues: fields))
    }
}

/// A patch and its media type.
public enum Patch: Sendable, Equatable {
    /// RFC 7386 JSON merge patch.
    case merge(JSONValue)
    /// RFC 6902 JSON patch: an array of operations.
    case json([JSONValue])
    /// Kubernetes strategic merge patch (built-in kinds only; CRDs answer 415).
    case strategic(JSONValue)

    var contentType: String {
        switch self {
        case .merge: "application/merge-patch+json"
        case .json: "application/json-patch+json"
        case .strategic: "application/strategic-merge-patch+json"
        }
    }

    var body: JSONValue {
        switch self {
        case .merge(let value), .strategic(let value): value
        case .json(let operations): .array(operations)
        }
    }
}
