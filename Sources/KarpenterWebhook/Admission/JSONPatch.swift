import Foundation
import KarpenterAPI
import OrderedCollections

/// RFC 6902 JSON Patch operations that turn one tree into another, as an admission response
/// carries them. Paths are RFC 6901 JSON Pointers.
public enum JSONPatch {
    public struct Operation: Sendable, Hashable {
        public enum Kind: String, Sendable { case add, remove, replace }
        public let op: Kind
        public let path: String
        public let value: JSONValue?

        public var json: JSONValue {
            var members: OrderedDictionary<String, JSONValue> = ["op": .string(op.rawValue), "path": .string(path)]
            if let value { members["value"] = value }
            return .object(members)
        }
    }

    /// The operations that turn `source` into `target`. Whole subtrees are added when a
    /// parent is missing (an `add` below a missing map would fail); arrays whose length
    /// changed are replaced whole, so indexes never shift under later operations.
    public static func diff(from source: JSONValue, to target: JSONValue) -> [Operation] {
        var operations: [Operation] = []
        diff(source, target, pointer: "", into: &operations)
        return operations
    }

    /// The patch as JSON text: `[{"op":"add","path":"/spec/x","value":1}]`.
    public static func document(_ operations: [Operation]) -> String {
        JSONWriter.string(.array(operations.map(\.json)))
    }

    /// Escapes one reference token: `~` becomes `~0` and `/` becomes `~1` (RFC 6901 §3).
    public static func escape(_ token: String) -> String {
        guard token.contains("~") || token.contains("/") else { return token }
        return token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    private static func diff(_ source: JSONValue, _ target: JSONValue, pointer: String, into operations: inout [Operation]) {
        if source == target { return }
        switch (source, target) {
        case (.object(let old), .object(let new)):
            for key in old.keys where new[key] == nil {
                operations.append(Operation(op: .remove, path: pointer + "/" + escape(key), value: nil))
            }
            for (key, value) in new {
                let child = pointer + "/" + escape(key)
                if let previous = old[key] {
                    diff(previous, value, pointer: child, into: &operations)
                } else {
                    operations.append(Operation(op: .add, path: child, value: value))
                }
            }
        case (.array(let old), .array(let new)) where old.count == new.count:
            for (index, pair) in zip(old, new).enumerated() {
                diff(pair.0, pair.1, pointer: pointer + "/\(index)", into: &operations)
            }
        default:
            operations.append(Operation(op: .replace, path: pointer, value: target))
        }
    }
}
