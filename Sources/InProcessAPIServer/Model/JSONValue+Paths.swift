import KarpenterAPI
import OrderedCollections

extension JSONValue {
    /// The value at a dotted path of object keys, or nil.
    func value(at path: [String]) -> JSONValue? {
        var current: JSONValue? = self
        for key in path {
            current = current?[key]
        }
        return current
    }

    func string(at path: String...) -> String? { value(at: path)?.stringValue }

    /// Sets (or with nil removes) the value at a path, creating objects on the way.
    mutating func set(_ path: [String], _ newValue: JSONValue?) {
        guard let first = path.first else {
            if let newValue { self = newValue }
            return
        }
        guard case .object(var dict) = self else { return }
        if path.count == 1 {
            if let newValue {
                dict[first] = newValue
            } else {
                dict.removeValue(forKey: first)
            }
        } else {
            var child = dict[first] ?? .object([:])
            if child.objectValue == nil { child = .object([:]) }
            child.set(Array(path.dropFirst()), newValue)
            dict[first] = child
        }
        self = .object(dict)
    }

    /// Sets `metadata.<field>`.
    mutating func setMetadata(_ field: String, _ newValue: JSONValue?) {
        set(["metadata", field], newValue)
    }

    var metadataName: String { string(at: "metadata", "name") ?? "" }
    var metadataNamespace: String { string(at: "metadata", "namespace") ?? "" }
    var uid: String { string(at: "metadata", "uid") ?? "" }
    var finalizers: [String] { value(at: ["metadata", "finalizers"])?.arrayValue?.compactMap(\.stringValue) ?? [] }
    var labels: [String: String] { Self.stringMap(value(at: ["metadata", "labels"])) }
    var isTerminating: Bool { value(at: ["metadata", "deletionTimestamp"]).map { !$0.isNull } ?? false }
    var ownerReferences: [JSONValue] { value(at: ["metadata", "ownerReferences"])?.arrayValue ?? [] }

    static func stringMap(_ value: JSONValue?) -> [String: String] {
        var result: [String: String] = [:]
        for (key, entry) in value?.objectValue ?? [:] {
            if let text = entry.stringValue { result[key] = text }
        }
        return result
    }

    /// The body as JSON bytes.
    var bytes: [UInt8] { Array(JSONWriter.string(self).utf8) }
}
