/// A Kubernetes `resource.Quantity`: an exact fixed-point number with a unit suffix.
///
/// The value is stored exactly as a whole number of nano-units (values finer than `1n`
/// are rounded away from zero when parsed, as Kubernetes does). Equality, hashing and
/// ordering use the numeric value only, so `1Gi == 1024Mi`.
///
/// `description` is the spelling the quantity was parsed from, as long as it was never
/// modified; otherwise (and for quantities built in code) it is `canonical`.
public struct Quantity: Sendable {
    /// The value in units of 10^-9.
    var nanos: SignedWide
    /// How the value prints; follows the suffix it was parsed with.
    public private(set) var format: QuantityFormat
    /// The parsed spelling, kept only while the value is unmodified.
    var spelling: String?

    init(nanos: SignedWide, format: QuantityFormat, spelling: String? = nil) {
        self.nanos = nanos
        self.format = format
        self.spelling = spelling
    }

    /// Zero, in DecimalSI format.
    public static let zero = Quantity(nanos: .zero, format: .decimalSI)

    /// A whole number of units, e.g. `Quantity(integer: 4, format: .binarySI)` (prints `4`,
    /// while `Quantity(integer: 4096, format: .binarySI)` prints `4Ki`).
    public init(integer: Int64, format: QuantityFormat = .decimalSI) {
        // |Int64| * 10^9 always fits in 128 bits.
        self.init(nanos: SignedWide(integer).multiplied(by: 1_000_000_000) ?? .zero, format: format)
    }

    /// A number of thousandths, e.g. `Quantity(milli: 1500)` is `1500m`.
    public init(milli: Int64, format: QuantityFormat = .decimalSI) {
        self.init(nanos: SignedWide(milli).multiplied(by: 1_000_000) ?? .zero, format: format)
    }

    /// A number of billionths, e.g. `Quantity(nano: 5)` is `5n`.
    public init(nano: Int64, format: QuantityFormat = .decimalSI) {
        self.init(nanos: SignedWide(nano), format: format)
    }

    /// The spelling this quantity was parsed from, or its canonical form when it was
    /// built in code or modified.
    public var original: String { spelling ?? canonical }

    /// True when `description` is the parsed spelling rather than the canonical form.
    public var isOriginalSpelling: Bool { spelling != nil }

    /// The same value printed in another format (the parsed spelling is dropped).
    public func withFormat(_ format: QuantityFormat) -> Quantity {
        Quantity(nanos: nanos, format: format)
    }

    /// The same value with the parsed spelling dropped, so `description == canonical`.
    public var canonicalized: Quantity {
        Quantity(nanos: nanos, format: format)
    }
}

extension Quantity: CustomStringConvertible {
    public var description: String { spelling ?? canonical }
}

extension Quantity: CustomDebugStringConvertible {
    public var debugDescription: String { "Quantity(\(description), \(format.rawValue))" }
}
