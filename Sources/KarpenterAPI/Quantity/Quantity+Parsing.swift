extension Quantity {
    /// The largest BinarySI value Kubernetes keeps when parsing (2^63-1); larger binary
    /// values are silently capped to it, as `ParseQuantity` does.
    static let maxBinaryNanos: Magnitude128 =
        Magnitude128(UInt64(Int64.max)).multiplied(by: 1_000_000_000) ?? .max

    /// Parses a Kubernetes quantity (`100m`, `1.5Gi`, `1e3`, `+.5`, `5.`, `2E+6`, ...).
    ///
    /// Rules, as in k8s.io/apimachinery `ParseQuantity`: the format follows the suffix;
    /// non-zero values finer than `1n` round away from zero to the next nano; BinarySI values
    /// above 2^63-1 are capped; a BinarySI value between -1 and 1 becomes DecimalSI.
    /// Unlike Kubernetes, a decimal value beyond about ±3.4e29 is an overflow error.
    public init(parsing text: String) throws(QuantityError) {
        let syntax = try QuantitySyntax(scanning: text)
        let suffix = try QuantitySuffix.interpret(syntax.suffix, input: text)

        var digits = BigNatural()
        for scalar in (syntax.integerDigits + syntax.fractionDigits).unicodeScalars {
            digits.appendDigit(scalar.value - 48)
        }
        let fractionLength = syntax.fractionDigits.unicodeScalars.count

        // nanos = digits × base^exponent × 10^(9 - fractionLength)
        var shift = 9 - fractionLength
        if suffix.base == 2 {
            digits.multiplyByPowerOfTwo(suffix.exponent)
        } else {
            shift += suffix.exponent
        }
        var magnitude: Magnitude128
        if digits.isZero {
            magnitude = .zero
        } else if shift >= 0 {
            guard shift <= 40 else { throw Self.overflow(text) }
            digits.multiplyByPowerOfTen(shift)
            if let exact = digits.magnitude128 {
                magnitude = exact
            } else if let error = Self.tooLarge(text, format: suffix.format) {
                throw error
            } else {
                magnitude = Self.maxBinaryNanos
            }
        } else {
            // Finer than a nano: round away from zero.
            let inexact = digits.divideByPowerOfTen(-shift)
            let truncated = digits.magnitude128
            if let truncated {
                magnitude = inexact ? (truncated.adding(Magnitude128(1)) ?? .max) : truncated
            } else if let error = Self.tooLarge(text, format: suffix.format) {
                throw error
            } else {
                magnitude = Self.maxBinaryNanos
            }
        }

        var format = suffix.format
        if format == .binarySI {
            if Self.maxBinaryNanos < magnitude { magnitude = Self.maxBinaryNanos }
            if !magnitude.isZero && magnitude < Magnitude128(1_000_000_000) { format = .decimalSI }
        }
        self.init(
            nanos: SignedWide(negative: syntax.isNegative, magnitude: magnitude),
            format: format,
            spelling: text)
    }

    /// The overflow error for a decimal value, or nil for a binary one (which is capped).
    private static func tooLarge(_ text: String, format: QuantityFormat) -> QuantityError? {
        format == .binarySI ? nil : overflow(text)
    }

    static func overflow(_ text: String) -> QuantityError {
        QuantityError(input: text, reason: "its magnitude must be below about 3.4e29", kind: .overflow)
    }
}
