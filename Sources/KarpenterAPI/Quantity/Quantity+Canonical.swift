extension Quantity {
    /// The canonical Kubernetes spelling (`resource.Quantity.String()` on a value that was
    /// not parsed from a canonical string):
    ///
    /// * zero prints `0`;
    /// * DecimalSI: the integer mantissa with the largest SI suffix that loses nothing and
    ///   whose power of ten is a multiple of 3 (`1500m`, `1k`, `1500`, `1080n`); beyond `E`
    ///   it falls back to an exponent (`1e21`);
    /// * DecimalExponent: the same mantissa with `e<power>` (`1e3`, `80e-3`, `1500`);
    /// * BinarySI: the largest power-of-1024 suffix (`1536Mi`); values with |v| < 1024
    ///   and values that are not whole numbers print as DecimalSI.
    public var canonical: String {
        if nanos.isZero { return "0" }
        var printFormat = format
        if printFormat == .binarySI {
            let magnitude = nanos.magnitude
            let units = magnitude.divided(by: 1_000_000_000)
            if units.quotient < Magnitude128(1024) || units.remainder != 0 {
                printFormat = .decimalSI
            } else if let binary = Self.binaryCanonical(units: units.quotient) {
                return (nanos.isNegative ? "-" : "") + binary
            } else {
                printFormat = .decimalSI
            }
        }
        let (mantissa, exponent) = decimalMantissaAndExponent()
        let sign = nanos.isNegative ? "-" : ""
        switch printFormat {
        case .decimalExponent:
            return sign + mantissa + (exponent == 0 ? "" : "e\(exponent)")
        case .decimalSI, .binarySI:
            if let suffix = QuantitySuffix.decimalSuffix(forExponent: exponent) {
                return sign + mantissa + suffix
            }
            return sign + mantissa + "e\(exponent)"
        }
    }

    /// The magnitude as digits × 10^exponent with the exponent a multiple of 3 and no
    /// trailing zeros beyond what that requires (Kubernetes `AsCanonicalBytes`).
    private func decimalMantissaAndExponent() -> (digits: String, exponent: Int) {
        var mantissa = nanos.magnitude
        var exponent = -9
        while true {
            let (quotient, remainder) = mantissa.divided(by: 10)
            if remainder != 0 || quotient.isZero { break }
            mantissa = quotient
            exponent += 1
        }
        // Move down to a multiple of three; this never exceeds the original magnitude.
        while exponent % 3 != 0 {
            mantissa = mantissa.multiplied(by: 10) ?? .max
            exponent -= 1
        }
        return (mantissa.decimalString, exponent)
    }

    /// `units` written as n × 1024^k with the largest k, or nil when no suffix exists for k
    /// (beyond `Ei`, where Kubernetes would drop the suffix; DecimalSI is used instead).
    private static func binaryCanonical(units: Magnitude128) -> String? {
        var mantissa = units
        var power = 0
        while true {
            let (quotient, remainder) = mantissa.divided(by: 1024)
            if remainder != 0 || quotient.isZero { break }
            mantissa = quotient
            power += 1
        }
        guard let suffix = QuantitySuffix.binarySuffix(forPowerOf1024: power) else { return nil }
        return mantissa.decimalString + suffix
    }
}
