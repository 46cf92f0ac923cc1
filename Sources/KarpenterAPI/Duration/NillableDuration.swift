/// Karpenter's `NillableDuration`: a Go duration, or `Never`.
///
/// Like Karpenter it remembers the exact spelling it was decoded from, so `720h` is
/// written back as `720h` (not `720h0m0s`) and GitOps tools see no drift. Equality and
/// hashing use the value only.
public struct NillableDuration: Sendable {
    /// The duration, or nil for `Never`.
    public let duration: GoDuration?
    /// The spelling it was parsed from, if any.
    public let raw: String?

    /// The literal Karpenter uses for "no duration".
    public static let neverLiteral = "Never"

    public static let never = NillableDuration(nil)

    public init(_ duration: GoDuration?) {
        self.duration = duration
        self.raw = nil
    }

    /// Parses `Never` or a Go duration (`720h`, `1h30m`, `0s`).
    public init(parsing text: String) throws(DurationError) {
        if text == Self.neverLiteral {
            self.duration = nil
            self.raw = nil
            return
        }
        self.duration = try GoDuration(parsing: text)
        self.raw = text
    }

    public var isNever: Bool { duration == nil }
}

extension NillableDuration: Equatable, Hashable {
    public static func == (lhs: NillableDuration, rhs: NillableDuration) -> Bool {
        lhs.duration == rhs.duration
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(duration)
    }
}

extension NillableDuration: CustomStringConvertible {
    /// The parsed spelling, else Go's `String()` of the duration, else `Never`.
    public var description: String {
        raw ?? duration?.description ?? Self.neverLiteral
    }
}

extension NillableDuration: StringRepresentedValue {}
