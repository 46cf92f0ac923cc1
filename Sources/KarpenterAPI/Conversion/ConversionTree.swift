import Foundation
import OrderedCollections

/// Path-based edits of a `JSONValue` tree that keep key order and every field they do not touch.
enum ConversionTree {
    static func get(_ tree: JSONValue, _ path: [String]) -> JSONValue? {
        var current = tree
        for key in path {
            guard let next = current[key] else { return nil }
            current = next
        }
        return current
    }

    /// Sets the value, creating missing parent objects. Does nothing when a parent is not an object.
    static func set(_ tree: inout JSONValue, _ path: [String], _ value: JSONValue) {
        guard let key = path.first else {
            tree = value
            return
        }
        guard case .object(var dict) = tree else { return }
        var child = dict[key] ?? .object(OrderedDictionary())
        set(&child, Array(path.dropFirst()), value)
        dict[key] = child
        tree = .object(dict)
    }

    @discardableResult
    static func remove(_ tree: inout JSONValue, _ path: [String]) -> JSONValue? {
        guard let key = path.first, case .object(var dict) = tree else { return nil }
        let removed: JSONValue?
        if path.count == 1 {
            removed = dict.removeValue(forKey: key)
        } else {
            guard var child = dict[key] else { return nil }
            removed = remove(&child, Array(path.dropFirst()))
            dict[key] = child
        }
        tree = .object(dict)
        return removed
    }

    /// Replaces key `old` of the object at `path` by `new` with `value`, keeping its position.
    static func renameKey(_ tree: inout JSONValue, at path: [String], from old: String, to new: String, value: JSONValue) {
        guard case .object(let dict)? = get(tree, path) else { return }
        var renamed = OrderedDictionary<String, JSONValue>()
        var placed = false
        for (key, existing) in dict {
            if key == old {
                renamed[new] = value
                placed = true
            } else if key != new {
                renamed[key] = existing
            }
        }
        if !placed { renamed[new] = value }
        set(&tree, path, .object(renamed))
    }

    /// Compact JSON text with sorted keys, for storing a subtree in an annotation.
    static func jsonText(_ value: JSONValue) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "null" }
        return String(decoding: data, as: UTF8.self)
    }

    static func parseJSON(_ text: String) -> JSONValue? {
        try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    /// A scalar printed the way a note quotes it.
    static func display(_ value: JSONValue?) -> String {
        switch value {
        case nil: return "<absent>"
        case .string(let text)?: return text
        case .number(let text)?: return text
        case .bool(let flag)?: return String(flag)
        case .null?: return "null"
        case let other?: return jsonText(other)
        }
    }
}

extension ConversionTree {
    /// True when both trees hold the same content, whatever the key order of their objects.
    static func sameContent(_ lhs: JSONValue?, _ rhs: JSONValue?) -> Bool {
        lhs.map(sortedKeys) == rhs.map(sortedKeys)
    }

    private static func sortedKeys(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let dict):
            var sorted = OrderedDictionary<String, JSONValue>()
            for key in dict.keys.sorted() { sorted[key] = sortedKeys(dict[key]!) }
            return .object(sorted)
        case .array(let items):
            return .array(items.map(sortedKeys))
        default:
            return value
        }
    }
}
