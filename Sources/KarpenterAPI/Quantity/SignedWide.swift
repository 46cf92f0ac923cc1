/// A signed 128-bit integer in sign-and-magnitude form (zero is never negative).
/// Every operation that could overflow returns nil instead of trapping.
struct SignedWide: Hashable, Sendable, Comparable {
    private(set) var isNegative: Bool
    private(set) var magnitude: Magnitude128

    init(negative: Bool, magnitude: Magnitude128) {
        self.magnitude = magnitude
        self.isNegative = negative && !magnitude.isZero
    }

    init(_ value: Int64) {
        self.init(negative: value < 0, magnitude: Magnitude128(value.magnitude))
    }

    static let zero = SignedWide(0)

    var isZero: Bool { magnitude.isZero }

    var signum: Int { isZero ? 0 : (isNegative ? -1 : 1) }

    var negated: SignedWide { SignedWide(negative: !isNegative, magnitude: magnitude) }

    static func < (lhs: SignedWide, rhs: SignedWide) -> Bool {
        switch (lhs.isNegative, rhs.isNegative) {
        case (true, false): return true
        case (false, true): return false
        case (false, false): return lhs.magnitude < rhs.magnitude
        case (true, true): return rhs.magnitude < lhs.magnitude
        }
    }

    func adding(_ other: SignedWide) -> SignedWide? {
        if isNegative == other.isNegative {
            guard let sum = magnitude.adding(other.magnitude) else { return nil }
            return SignedWide(negative: isNegative, magnitude: sum)
        }
        if magnitude < other.magnitude {
            return SignedWide(negative: other.isNegative, magnitude: other.magnitude.subtracting(magnitude))
        }
        return SignedWide(negative: isNegative, magnitude: magnitude.subtracting(other.magnitude))
    }

    func subtracting(_ other: SignedWide) -> SignedWide? {
        adding(other.negated)
    }

    func multiplied(by factor: Int64) -> SignedWide? {
        guard let product = magnitude.multiplied(by: factor.magnitude) else { return nil }
        return SignedWide(negative: isNegative != (factor < 0), magnitude: product)
    }

    /// `self / divisor` rounded away from zero, clamped to the Int64 range.
    func int64RoundingAwayFromZero(dividingBy divisor: UInt64) -> Int64 {
        let rounded = magnitude.dividedRoundingUp(by: divisor)
        if isNegative {
            let limit = Magnitude128(Int64.min.magnitude)
            if rounded.high != 0 || limit < rounded { return .min }
            return rounded.low == Int64.min.magnitude ? .min : -Int64(rounded.low)
        }
        if rounded.high != 0 || rounded.low > UInt64(Int64.max) { return .max }
        return Int64(rounded.low)
    }

    var doubleValue: Double { isNegative ? -magnitude.doubleValue : magnitude.doubleValue }

    var decimalString: String { (isNegative ? "-" : "") + magnitude.decimalString }
}
