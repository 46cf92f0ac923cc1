import Foundation

// Kubernetes quantities are int-or-string: they decode from a JSON/YAML string (surrounding
// whitespace ignored, as `UnmarshalJSON` does) or a number, and encode as a string. `null`
// decodes to zero. The parsed spelling is kept, so a decode/encode round trip writes back
// exactly what was read.
extension Quantity: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .zero
            return
        }
        let text: String
        if let string = try? container.decode(String.self) {
            text = string.trimmingCharacters(in: .whitespacesAndNewlines)
        } else if let integer = try? container.decode(Int64.self) {
            text = String(integer)
        } else if let decimal = try? container.decode(Decimal.self) {
            text = decimal.description
        } else if let double = try? container.decode(Double.self), double.isFinite {
            text = String(double)
        } else {
            throw DecodingError.typeMismatch(
                Quantity.self,
                DecodingError.Context(
                    codingPath: decoder.codingPath,
                    debugDescription: "expected a quantity as a string or a number; \(QuantityError.validForms)"))
        }
        do {
            try self.init(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
