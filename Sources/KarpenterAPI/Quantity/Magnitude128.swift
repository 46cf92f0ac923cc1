/// An unsigned 128-bit integer made of two 64-bit words.
///
/// The standard library's `UInt128` needs macOS 15, while the package targets macOS 14,
/// so quantities carry their own small, overflow-checked implementation.
struct Magnitude128: Hashable, Sendable, Comparable {
    var high: UInt64
    var low: UInt64

    init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    init(_ value: UInt64) {
        self.init(high: 0, low: value)
    }

    static let zero = Magnitude128(0)
    static let max = Magnitude128(high: .max, low: .max)

    var isZero: Bool { high == 0 && low == 0 }

    static func < (lhs: Magnitude128, rhs: Magnitude128) -> Bool {
        lhs.high != rhs.high ? lhs.high < rhs.high : lhs.low < rhs.low
    }

    /// The sum, or nil when it does not fit in 128 bits.
    func adding(_ other: Magnitude128) -> Magnitude128? {
        let (low, carry) = self.low.addingReportingOverflow(other.low)
        let (partial, overflow1) = high.addingReportingOverflow(other.high)
        let (high, overflow2) = partial.addingReportingOverflow(carry ? 1 : 0)
        return overflow1 || overflow2 ? nil : Magnitude128(high: high, low: low)
    }

    /// The difference; `other` must not be larger than `self`.
    func subtracting(_ other: Magnitude128) -> Magnitude128 {
        let (low, borrow) = self.low.subtractingReportingOverflow(other.low)
        return Magnitude128(high: high &- other.high &- (borrow ? 1 : 0), low: low)
    }

    /// The product with a 64-bit factor, or nil when it does not fit in 128 bits.
    func multiplied(by factor: UInt64) -> Magnitude128? {
        let lowProduct = low.multipliedFullWidth(by: factor)
        let highProduct = high.multipliedFullWidth(by: factor)
        guard highProduct.high == 0 else { return nil }
        let (high, overflow) = highProduct.low.addingReportingOverflow(lowProduct.high)
        return overflow ? nil : Magnitude128(high: high, low: lowProduct.low)
    }

    /// Truncating division by a non-zero 64-bit divisor.
    func divided(by divisor: UInt64) -> (quotient: Magnitude128, remainder: UInt64) {
        let highQuotient = high / divisor
        let highRemainder = high % divisor
        let (lowQuotient, remainder) = divisor.dividingFullWidth((high: highRemainder, low: low))
        return (Magnitude128(high: highQuotient, low: lowQuotient), remainder)
    }

    /// Division that rounds any remainder up (towards +infinity for a magnitude).
    func dividedRoundingUp(by divisor: UInt64) -> Magnitude128 {
        let (quotient, remainder) = divided(by: divisor)
        guard remainder != 0 else { return quotient }
        return quotient.adding(Magnitude128(1)) ?? .max
    }

    var doubleValue: Double {
        Double(high) * 18_446_744_073_709_551_616.0 + Double(low)
    }

    /// Base-10 digits, without sign or leading zeros.
    var decimalString: String {
        if high == 0 { return String(low) }
        let chunk: UInt64 = 10_000_000_000_000_000_000  // 10^19 fits in UInt64
        var chunks: [UInt64] = []
        var rest = self
        while !rest.isZero {
            let (quotient, remainder) = rest.divided(by: chunk)
            chunks.append(remainder)
            rest = quotient
        }
        var text = String(chunks.removeLast())
        for part in chunks.reversed() {
            let digits = String(part)
            text += String(repeating: "0", count: 19 - digits.count) + digits
        }
        return text
    }
}
