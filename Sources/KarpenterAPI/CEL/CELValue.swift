import OrderedCollections

/// A value during CEL evaluation. Maps keep JSON key order.
enum CELValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case list([CELValue])
    case map(OrderedDictionary<String, CELValue>)

    init(_ json: JSONValue) {
        switch json {
        case .null: self = .null
        case .bool(let flag): self = .bool(flag)
        case .number(let text):
            if let integer = JSONValue.number(text).integerValue, !text.contains(".") {
                self = .int(integer)
            } else {
                self = .double(Double(text) ?? 0)
            }
        case .string(let text): self = .string(text)
        case .array(let items): self = .list(items.map(CELValue.init))
        case .object(let dict): self = .map(dict.mapValues(CELValue.init))
        }
    }

    var typeName: String {
        switch self {
        case .null: return "null_type"
        case .bool: return "bool"
        case .int: return "int"
        case .double: return "double"
        case .string: return "string"
        case .list: return "list"
        case .map: return "map"
        }
    }

    /// CEL equality; ints and doubles compare numerically, strings by code point (Swift's
    /// `==` would treat "é" and "e\u{301}" as equal; CEL and Go do not).
    func celEquals(_ other: CELValue) -> Bool {
        switch (self, other) {
        case (.string(let a), .string(let b)): return a.unicodeScalars.elementsEqual(b.unicodeScalars)
        case (.int(let a), .double(let b)): return Double(a) == b
        case (.double(let a), .int(let b)): return a == Double(b)
        case (.list(let a), .list(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.celEquals($1) }
        case (.map(let a), .map(let b)):
            return a.count == b.count && a.allSatisfy { key, value in
                b[key].map { value.celEquals($0) } ?? false
            }
        default: return self == other
        }
    }
}

struct CELError: Error, Sendable, CustomStringConvertible {
    let message: String
    var description: String { message }
}
