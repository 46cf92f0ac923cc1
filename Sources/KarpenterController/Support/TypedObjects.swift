import KarpenterAPI

extension JSONValue {
    /// The typed view, or nil when the object does not decode (then it is skipped, not fatal).
    func typed<T: Decodable>(_ type: T.Type) -> T? {
        try? decode(type)
    }

    var name: String { self["metadata"]?["name"]?.stringValue ?? "" }
    var namespace: String? { self["metadata"]?["namespace"]?.stringValue }
    var uid: String { self["metadata"]?["uid"]?.stringValue ?? "" }
    var resourceVersion: String? { self["metadata"]?["resourceVersion"]?.stringValue }
    var isDeleting: Bool { self["metadata"]?["deletionTimestamp"]?.stringValue != nil }
    var labels: [String: String] {
        var result: [String: String] = [:]
        for (key, value) in self["metadata"]?["labels"]?.objectValue ?? [:] { result[key] = value.stringValue }
        return result
    }

    /// An object tree from a typed value; encoding our own API types cannot fail.
    static func of<T: Encodable>(_ value: T) -> JSONValue {
        (try? JSONValue.encode(value)) ?? .null
    }
}

/// Label, annotation, finalizer and taint names the controller reads and writes.
enum KarpenterNames {
    static let terminationFinalizer = "karpenter.sh/termination"
    static let registeredLabel = "karpenter.sh/registered"
    static let initializedLabel = "karpenter.sh/initialized"
    static let unregisteredTaint = Taint(key: WellKnownTaint.unregisteredKey, effect: .noExecute)
    static let doNotSyncTaintsLabel = "karpenter.sh/do-not-sync-taints"
    static let component = "karpenter"
}
