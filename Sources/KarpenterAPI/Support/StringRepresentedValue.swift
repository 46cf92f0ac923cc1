/// A value written in JSON as the one string it parses from and prints back as
/// (durations, quantities): decoding parses, encoding prints `description`.
public protocol StringRepresentedValue: Codable, CustomStringConvertible {
    init(parsing text: String) throws
}

extension StringRepresentedValue {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\(error)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
