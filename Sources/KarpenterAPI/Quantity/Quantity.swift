// Placeholder interface; the full Kubernetes semantics are being written in this folder.
public struct QuantityError: Error, Sendable, Equatable, CustomStringConvertible {
    public let input: String
    public let reason: String
    public var description: String { "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$' (got \"\(input)\": \(reason))" }
}

public struct Quantity: Sendable, Hashable, Codable, CustomStringConvertible {
    public let original: String
    public init(parsing text: String) throws(QuantityError) {
        guard !text.isEmpty else { throw QuantityError(input: text, reason: "empty") }
        original = text
    }
    public var description: String { original }
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) { try self.init(parsing: text) }
        else { try self.init(parsing: String(try container.decode(Int64.self))) }
    }
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(original)
    }
}
