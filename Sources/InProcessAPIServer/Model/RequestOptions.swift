import KarpenterAPI

/// `ListOptions` of a list or watch.
public struct ListOptions: Sendable {
    public var labelSelector: LabelSelector
    public var fieldSelector: FieldSelector
    public var limit: Int?
    public var continueToken: String?
    /// "" = most recent, "0" = any, N with `resourceVersionMatch` Exact = at N.
    public var resourceVersion: String?
    public var resourceVersionMatch: String?

    public init(labelSelector: LabelSelector = .everything, fieldSelector: FieldSelector = .everything,
                limit: Int? = nil, continueToken: String? = nil, resourceVersion: String? = nil,
                resourceVersionMatch: String? = nil) {
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.limit = limit
        self.continueToken = continueToken
        self.resourceVersion = resourceVersion
        self.resourceVersionMatch = resourceVersionMatch
    }
}

/// Options of a watch.
public struct WatchOptions: Sendable {
    public var labelSelector: LabelSelector
    public var fieldSelector: FieldSelector
    /// nil, "" or "0": start with ADDED events for the current objects; N: replay after N.
    public var resourceVersion: String?
    /// Start with the current objects followed by a BOOKMARK annotated
    /// `k8s.io/initial-events-end` (the streaming-list protocol).
    public var sendInitialEvents: Bool

    public init(labelSelector: LabelSelector = .everything, fieldSelector: FieldSelector = .everything,
                resourceVersion: String? = nil, sendInitialEvents: Bool = false) {
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.resourceVersion = resourceVersion
        self.sendInitialEvents = sendInitialEvents
    }
}

/// `DeleteOptions` (body or query parameters of a DELETE, or of an eviction).
public struct DeleteOptions: Sendable, Equatable {
    public enum Propagation: String, Sendable, Equatable {
        case orphan = "Orphan"
        case background = "Background"
        case foreground = "Foreground"
    }

    public var gracePeriodSeconds: Int64?
    public var propagationPolicy: Propagation?
    public var preconditionUID: String?
    public var preconditionResourceVersion: String?
    public var dryRun: Bool

    public init(gracePeriodSeconds: Int64? = nil, propagationPolicy: Propagation? = nil,
                preconditionUID: String? = nil, preconditionResourceVersion: String? = nil, dryRun: Bool = false) {
        self.gracePeriodSeconds = gracePeriodSeconds
        self.propagationPolicy = propagationPolicy
        self.preconditionUID = preconditionUID
        self.preconditionResourceVersion = preconditionResourceVersion
        self.dryRun = dryRun
    }

    /// Reads a `DeleteOptions` object; unknown propagation policies are refused as upstream.
    init(json: JSONValue) throws(APIError) {
        self.init()
        if let grace = json["gracePeriodSeconds"], !grace.isNull {
            guard let seconds = grace.integerValue else {
                throw .badRequest("json: cannot unmarshal \(grace.typeName) into Go struct field DeleteOptions.gracePeriodSeconds of type int64")
            }
            gracePeriodSeconds = seconds
        }
        if let policy = json["propagationPolicy"]?.stringValue {
            propagationPolicy = try Self.propagation(policy)
        } else if let orphan = json["orphanDependents"]?.boolValue {
            propagationPolicy = orphan ? .orphan : .background
        }
        preconditionUID = json["preconditions"]?["uid"]?.stringValue
        preconditionResourceVersion = json["preconditions"]?["resourceVersion"]?.stringValue
        dryRun = (json["dryRun"]?.arrayValue ?? []).contains(.string("All"))
    }

    /// The options as a `DeleteOptions` object.
    public var json: JSONValue {
        var object: JSONValue = .object(["kind": .string("DeleteOptions"), "apiVersion": .string("v1")])
        if let gracePeriodSeconds { object["gracePeriodSeconds"] = .int(gracePeriodSeconds) }
        if preconditionUID != nil || preconditionResourceVersion != nil {
            var preconditions: JSONValue = .object([:])
            if let preconditionUID { preconditions["uid"] = .string(preconditionUID) }
            if let preconditionResourceVersion { preconditions["resourceVersion"] = .string(preconditionResourceVersion) }
            object["preconditions"] = preconditions
        }
        if let propagationPolicy { object["propagationPolicy"] = .string(propagationPolicy.rawValue) }
        if dryRun { object["dryRun"] = .array([.string("All")]) }
        return object
    }

    static func propagation(_ text: String) throws(APIError) -> Propagation {
        guard let policy = Propagation(rawValue: text) else {
            throw APIError(code: 422, reason: "Invalid",
                           message: "DeleteOptions.meta.k8s.io \"\" is invalid: propagationPolicy: Unsupported value: \"\(text)\": supported values: \"Foreground\", \"Background\", \"Orphan\"",
                           kind: "DeleteOptions",
                           causes: [.init(reason: "FieldValueNotSupported", message: "Unsupported value: \"\(text)\": supported values: \"Foreground\", \"Background\", \"Orphan\"", field: "propagationPolicy")])
        }
        return policy
    }
}

/// The result of a delete: the object is gone, or it stays (finalizers, graceful termination)
/// with its `deletionTimestamp` set.
public enum DeleteOutcome: Sendable, Equatable {
    case deleted(JSONValue)
    case pending(JSONValue)

    public var object: JSONValue {
        switch self {
        case .deleted(let object), .pending(let object): return object
        }
    }
}

/// The content type of a PATCH.
public enum PatchType: String, Sendable, CaseIterable {
    case json = "application/json-patch+json"
    case merge = "application/merge-patch+json"
    case strategicMerge = "application/strategic-merge-patch+json"
    case apply = "application/apply-patch+yaml"
}
