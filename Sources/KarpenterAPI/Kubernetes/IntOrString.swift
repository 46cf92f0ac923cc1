/// A value that is either an integer or a string such as `"25%"` (PDB minAvailable, ports).
public enum IntOrString: Codable, Hashable, Sendable, CustomStringConvertible,
    ExpressibleByIntegerLiteral, ExpressibleByStringLiteral {
    case int(Int)
    case string(String)

    public init(integerLiteral value: Int) { self = .int(value) }
    public init(stringLiteral value: String) { self = .string(value) }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int.self) {
            self = .int(number)
        } else {
            self = .string(try container.decode(String.self))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .int(let number): try container.encode(number)
        case .string(let text): try container.encode(text)
        }
    }

    public var description: String {
        switch self {
        case .int(let number): return String(number)
        case .string(let text): return text
        }
    }

    /// Resolves against `total` the way Kubernetes does for PDBs and rolling updates: an integer
    /// is itself; `"N%"` is N percent of total, rounded up when `roundUp` else down. Nil for any
    /// other string (Kubernetes rejects non-percent strings here, even `"3"`).
    public func scaledValue(total: Int, roundUp: Bool) -> Int? {
        switch self {
        case .int(let number):
            return number
        case .string(let text):
            if text.hasSuffix("%"), let percent = Int(text.dropLast()) {
                let product = percent * total
                return roundUp ? (product + 99) / 100 : product / 100
            }
            return nil
        }
    }
}
