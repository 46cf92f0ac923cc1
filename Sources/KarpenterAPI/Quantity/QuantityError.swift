/// Why a string is not a Kubernetes quantity, or why arithmetic left the representable range.
public struct QuantityError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The text does not have the shape of a quantity.
        case format
        /// The value is too large to represent (beyond about ±3.4e29).
        case overflow
    }

    /// The text that was parsed (empty for arithmetic errors).
    public let input: String
    /// What was wrong, in a few words.
    public let reason: String
    public let kind: Kind

    public init(input: String, reason: String, kind: Kind = .format) {
        self.input = input
        self.reason = reason
        self.kind = kind
    }

    /// A reminder of what a valid quantity looks like.
    public static let validForms =
        "a quantity is an optionally signed decimal number with an optional suffix, e.g. "
        + "\"100m\", \"1.5Gi\", \"2\", \"1e3\"; suffixes are n u m k M G T P E, "
        + "Ki Mi Gi Ti Pi Ei, or an exponent e<integer>"

    public var description: String {
        switch kind {
        case .format:
            return "invalid quantity \(Self.quoted(input)): \(reason); \(Self.validForms)"
        case .overflow:
            let subject = input.isEmpty ? "quantity" : "quantity \(Self.quoted(input))"
            return "\(subject) is out of range: \(reason)"
        }
    }

    static func quoted(_ text: String) -> String { GoQuote.quote(text) }
}
