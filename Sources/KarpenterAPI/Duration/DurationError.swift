/// Why a string is not a Go duration. The message matches Go's `time.ParseDuration`
/// error, followed by what a valid duration looks like.
public struct DurationError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// Not shaped like a duration (`1`, `h`, `1.5.5s`, empty).
        case invalid
        /// A number without a unit (`1`, `1h30`).
        case missingUnit
        /// A unit Go does not know (`1d`, `1w`, `1sec`).
        case unknownUnit(String)
        /// Beyond ±292 years (Int64 nanoseconds).
        case overflow
    }

    public let input: String
    public let kind: Kind

    public init(input: String, kind: Kind) {
        self.input = input
        self.kind = kind
    }

    /// Go's own message, e.g. `time: unknown unit "d" in duration "1d"`.
    public var goMessage: String {
        switch kind {
        case .invalid, .overflow:
            return "time: invalid duration \(Self.quoted(input))"
        case .missingUnit:
            return "time: missing unit in duration \(Self.quoted(input))"
        case .unknownUnit(let unit):
            return "time: unknown unit \(Self.quoted(unit)) in duration \(Self.quoted(input))"
        }
    }

    /// A reminder of what a valid duration looks like.
    public static let validForms =
        "a duration is a sequence of numbers with units, e.g. \"300ms\", \"1.5h\", \"2h45m\"; "
        + "units are ns, us (or µs), ms, s, m, h (there is no d)"

    public var description: String {
        let detail = kind == .overflow ? " (out of range: at most about 2562047h)" : ""
        return goMessage + detail + "; " + Self.validForms
    }

    static func quoted(_ text: String) -> String { GoQuote.quote(text) }
}
