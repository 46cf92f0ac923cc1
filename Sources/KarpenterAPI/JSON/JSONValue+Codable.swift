import Foundation
import OrderedCollections

extension JSONValue: Codable {
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let integer = try? container.decode(Int64.self) {
            self = .number(String(integer))
        } else if let double = try? container.decode(Double.self) {
            self = .number(JSONValue.formatNumber(double))
        } else if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if let items = try? container.decode([JSONValue].self) {
            self = .array(items)
        } else {
            // Key order is lost by Foundation's keyed containers; JSONParser keeps it where it matters.
            let dict = try container.decode([String: JSONValue].self)
            var ordered = OrderedDictionary<String, JSONValue>()
            for key in dict.keys.sorted() { ordered[key] = dict[key] }
            self = .object(ordered)
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let flag): try container.encode(flag)
        case .number(let text):
            if let integer = Int64(text) { try container.encode(integer) }
            else { try container.encode(Double(text) ?? 0) }
        case .string(let text): try container.encode(text)
        case .array(let items): try container.encode(items)
        case .object(let dict):
            var keyed = encoder.container(keyedBy: DynamicKey.self)
            for (key, value) in dict { try keyed.encode(value, forKey: DynamicKey(key)) }
        }
    }

    static func formatNumber(_ double: Double) -> String {
        if double.rounded() == double, abs(double) < 1e15 { return String(Int64(double)) }
        return String(double)
    }
}

struct DynamicKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { return nil }
}

extension JSONValue {
    /// Decodes a typed view (`NodePool`, `Pod`, ...) from this tree. Unknown fields are ignored
    /// by the typed view; keep the tree itself when they must survive.
    public func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let data = try JSONEncoder().encode(self)
        return try JSONDecoder().decode(type, from: data)
    }

    /// The tree for a typed value.
    public static func encode<T: Encodable>(_ value: T) throws -> JSONValue {
        let data = try JSONEncoder().encode(value)
        return try JSONDecoder().decode(JSONValue.self, from: data)
    }
}
