import KarpenterAPI

/// RFC 6902 JSON patch with RFC 6901 pointers (`~0` for `~`, `~1` for `/`, `-` to append).
enum JSONPatch {
    struct Failure: Error {
        let message: String
    }

    /// Applies every operation in order; a malformed document is a 400, a failing operation
    /// (including `test`) a 422, as the API server answers.
    static func apply(_ patch: JSONValue, to document: JSONValue) throws(APIError) -> JSONValue {
        guard let operations = patch.arrayValue else {
            throw .badRequest("json: cannot unmarshal \(patch.typeName) into Go value of type jsonpatch.Patch")
        }
        var result = document
        for operation in operations {
            guard let op = operation["op"]?.stringValue, let path = operation["path"]?.stringValue else {
                throw .badRequest("json patch operations need \"op\" and \"path\"")
            }
            do {
                result = try apply(op: op, path: path, operation: operation, to: result)
            } catch {
                throw .patchRejected(error.message)
            }
        }
        return result
    }

    private static func apply(op: String, path: String, operation: JSONValue, to document: JSONValue) throws(Failure) -> JSONValue {
        let tokens = try pointer(path)
        switch op {
        case "add":
            guard let value = operation["value"] else { throw Failure(message: "add operation has no value") }
            return try add(value, at: tokens, in: document, path: path)
        case "remove":
            return try remove(at: tokens, in: document, path: path).document
        case "replace":
            guard let value = operation["value"] else { throw Failure(message: "replace operation has no value") }
            guard get(tokens, in: document) != nil else {
                throw Failure(message: "replace operation does not apply: doc is missing key: \(path): missing value")
            }
            return try set(value, at: tokens, in: document, path: path)
        case "move", "copy":
            guard let from = operation["from"]?.stringValue else { throw Failure(message: "\(op) operation has no from") }
            let fromTokens = try pointer(from)
            guard let value = get(fromTokens, in: document) else {
                throw Failure(message: "\(op) operation does not apply: doc is missing from path: \(from): missing value")
            }
            let source = op == "move" ? try remove(at: fromTokens, in: document, path: from).document : document
            return try add(value, at: tokens, in: source, path: path)
        case "test":
            let expected = operation["value"] ?? .null
            guard let actual = get(tokens, in: document), actual.isEquivalent(to: expected) else {
                throw Failure(message: "testing value \(path) failed: test failed")
            }
            return document
        default:
            throw Failure(message: "Unexpected kind: \(op)")
        }
    }

    static func pointer(_ path: String) throws(Failure) -> [String] {
        if path.isEmpty { return [] }
        guard path.hasPrefix("/") else { throw Failure(message: "JSON pointer must be empty or start with a \"/\": \(path)") }
        return path.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
    }

    static func get(_ tokens: [String], in document: JSONValue) -> JSONValue? {
        var current = document
        for token in tokens {
            switch current {
            case .object(let fields):
                guard let next = fields[token] else { return nil }
                current = next
            case .array(let items):
                guard let index = Int(token), items.indices.contains(index) else { return nil }
                current = items[index]
            default:
                return nil
            }
        }
        return current
    }

    private static func add(_ value: JSONValue, at tokens: [String], in document: JSONValue, path: String) throws(Failure) -> JSONValue {
        guard let last = tokens.last else { return value }
        let parentTokens = Array(tokens.dropLast())
        guard var parent = get(parentTokens, in: document) else {
            throw Failure(message: "add operation does not apply: doc is missing path: \"\(path)\": missing value")
        }
        switch parent {
        case .object(var fields):
            fields[last] = value
            parent = .object(fields)
        case .array(var items):
            if last == "-" {
                items.append(value)
            } else if let index = Int(last), index >= 0, index <= items.count {
                items.insert(value, at: index)
            } else {
                throw Failure(message: "Unable to access invalid index: \(last): invalid index referenced")
            }
            parent = .array(items)
        default:
            throw Failure(message: "add operation does not apply: doc is missing path: \"\(path)\": missing value")
        }
        return try set(parent, at: parentTokens, in: document, path: path)
    }

    private static func remove(at tokens: [String], in document: JSONValue, path: String) throws(Failure) -> (document: JSONValue, removed: JSONValue) {
        guard let last = tokens.last else { throw Failure(message: "Unable to remove the whole document") }
        let parentTokens = Array(tokens.dropLast())
        guard var parent = get(parentTokens, in: document) else {
            throw Failure(message: "remove operation does not apply: doc is missing path: \"\(path)\": missing value")
        }
        let removed: JSONValue
        switch parent {
        case .object(var fields):
            guard let value = fields.removeValue(forKey: last) else {
                throw Failure(message: "Unable to remove nonexistent key: \(last): missing value")
            }
            removed = value
            parent = .object(fields)
        case .array(var items):
            guard let index = Int(last), items.indices.contains(index) else {
                throw Failure(message: "Unable to access invalid index: \(last): invalid index referenced")
            }
            removed = items.remove(at: index)
            parent = .array(items)
        default:
            throw Failure(message: "remove operation does not apply: doc is missing path: \"\(path)\": missing value")
        }
        return (try set(parent, at: parentTokens, in: document, path: path), removed)
    }

    private static func set(_ value: JSONValue, at tokens: [String], in document: JSONValue, path: String) throws(Failure) -> JSONValue {
        guard let first = tokens.first else { return value }
        let rest = Array(tokens.dropFirst())
        switch document {
        case .object(var fields):
            let child = fields[first] ?? .null
            fields[first] = try set(value, at: rest, in: child, path: path)
            return .object(fields)
        case .array(var items):
            guard let index = Int(first), items.indices.contains(index) else {
                throw Failure(message: "Unable to access invalid index: \(first): invalid index referenced")
            }
            items[index] = try set(value, at: rest, in: items[index], path: path)
            return .array(items)
        default:
            throw Failure(message: "doc is missing path: \"\(path)\": missing value")
        }
    }
}
