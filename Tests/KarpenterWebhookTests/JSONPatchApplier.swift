import KarpenterAPI
import OrderedCollections

/// An independent RFC 6902 applier (add, remove, replace) with RFC 6901 pointer decoding,
/// used to check that the webhook's patches produce exactly the core's defaulted object.
enum JSONPatchApplier {
    static func apply(_ patch: JSONValue, to document: JSONValue) throws -> JSONValue {
        guard let operations = patch.arrayValue else { throw TestFailure("a patch must be an array") }
        var result = document
        for operation in operations {
            guard let op = operation["op"]?.stringValue, let path = operation["path"]?.stringValue else {
                throw TestFailure("operation without op/path: \(operation)")
            }
            let tokens = try pointerTokens(path)
            switch op {
            case "add", "replace":
                guard let value = operation["value"] else { throw TestFailure("\(op) without value") }
                result = try set(result, tokens[...], value, mustExist: op == "replace")
            case "remove":
                result = try remove(result, tokens[...])
            default:
                throw TestFailure("unsupported op \(op)")
            }
        }
        return result
    }

    static func pointerTokens(_ pointer: String) throws -> [String] {
        if pointer.isEmpty { return [] }
        guard pointer.hasPrefix("/") else { throw TestFailure("pointer must start with /: \(pointer)") }
        return pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map { token in
            // RFC 6901 §4: ~1 first, then ~0.
            String(token).replacingOccurrences("~1", "/").replacingOccurrences("~0", "~")
        }
    }

    private static func set(_ node: JSONValue, _ tokens: ArraySlice<String>, _ value: JSONValue, mustExist: Bool) throws -> JSONValue {
        guard let token = tokens.first else { return value }
        let rest = tokens.dropFirst()
        switch node {
        case .object(var members):
            if rest.isEmpty {
                if mustExist && members[token] == nil { throw TestFailure("replace of missing member \(token)") }
                members[token] = value
            } else {
                guard let child = members[token] else { throw TestFailure("missing parent \(token)") }
                members[token] = try set(child, rest, value, mustExist: mustExist)
            }
            return .object(members)
        case .array(var items):
            if rest.isEmpty && token == "-" && !mustExist { items.append(value); return .array(items) }
            guard let index = Int(token), index >= 0, index <= items.count else { throw TestFailure("bad index \(token)") }
            if rest.isEmpty {
                if mustExist { items[index] = value } else { items.insert(value, at: index) }
            } else {
                items[index] = try set(items[index], rest, value, mustExist: mustExist)
            }
            return .array(items)
        default:
            throw TestFailure("cannot descend into a scalar at \(token)")
        }
    }

    private static func remove(_ node: JSONValue, _ tokens: ArraySlice<String>) throws -> JSONValue {
        guard let token = tokens.first else { throw TestFailure("cannot remove the root") }
        let rest = tokens.dropFirst()
        switch node {
        case .object(var members):
            guard let child = members[token] else { throw TestFailure("remove of missing member \(token)") }
            members[token] = rest.isEmpty ? nil : try remove(child, rest)
            return .object(members)
        case .array(var items):
            guard let index = Int(token), items.indices.contains(index) else { throw TestFailure("bad index \(token)") }
            if rest.isEmpty { items.remove(at: index) } else { items[index] = try remove(items[index], rest) }
            return .array(items)
        default:
            throw TestFailure("cannot descend into a scalar at \(token)")
        }
    }
}

private extension String {
    func replacingOccurrences(_ target: String, _ replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
