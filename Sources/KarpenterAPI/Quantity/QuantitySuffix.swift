/// The meaning of a quantity suffix: value = number × base^exponent, printed in `format`.
struct QuantitySuffix: Sendable, Equatable {
    let base: Int
    let exponent: Int
    let format: QuantityFormat

    /// Decimal SI suffixes and their powers of ten.
    static let decimalSuffixes: [String: Int] = [
        "n": -9, "u": -6, "m": -3, "": 0, "k": 3, "M": 6, "G": 9, "T": 12, "P": 15, "E": 18,
    ]

    /// Binary SI suffixes and their powers of two.
    static let binarySuffixes: [String: Int] = [
        "Ki": 10, "Mi": 20, "Gi": 30, "Ti": 40, "Pi": 50, "Ei": 60,
    ]

    /// Decimal SI suffix for a power of ten, or nil when there is none (below -9 or above 18).
    static func decimalSuffix(forExponent exponent: Int) -> String? {
        decimalSuffixes.first { $0.value == exponent }?.key
    }

    /// Binary SI suffix for a power of 1024 (0 gives "", 6 gives "Ei"), or nil when there is none.
    static func binarySuffix(forPowerOf1024 power: Int) -> String? {
        let suffixes = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"]
        return suffixes.indices.contains(power) ? suffixes[power] : nil
    }

    /// Interprets a suffix the way Kubernetes does; the exponent form is `e`/`E`, an optional
    /// sign and at least one digit. Throws a reason on failure.
    static func interpret(_ suffix: Substring, input: String) throws(QuantityError) -> QuantitySuffix {
        if let power = decimalSuffixes[String(suffix)] {
            return QuantitySuffix(base: 10, exponent: power, format: .decimalSI)
        }
        if let power = binarySuffixes[String(suffix)] {
            return QuantitySuffix(base: 2, exponent: power, format: .binarySI)
        }
        guard let first = suffix.first, first == "e" || first == "E" else {
            throw unknown(suffix, input: input)
        }
        var rest = suffix.dropFirst()
        var negative = false
        if let sign = rest.first, sign == "+" || sign == "-" {
            negative = sign == "-"
            rest = rest.dropFirst()
        }
        guard !rest.isEmpty else {
            if suffix.count == 1 {
                throw QuantityError(input: input, reason: "exponent \"\(suffix)\" has no digits")
            }
            throw QuantityError(input: input, reason: "exponent \"\(suffix)\" has no digits after the sign")
        }
        guard rest.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            if rest.contains(".") || rest.contains(where: { $0.isASCII && $0.isNumber }) {
                throw QuantityError(input: input, reason: "exponent \"\(suffix)\" must be a whole number")
            }
            throw unknown(suffix, input: input)
        }
        let digits = rest.drop { $0 == "0" }
        guard digits.count <= 10, let magnitude = Int(digits.isEmpty ? "0" : String(digits)),
              magnitude <= Int(Int32.max) else {
            throw QuantityError(input: input, reason: "exponent \"\(suffix)\" is out of range", kind: .overflow)
        }
        return QuantitySuffix(base: 10, exponent: negative ? -magnitude : magnitude, format: .decimalExponent)
    }

    private static func unknown(_ suffix: Substring, input: String) -> QuantityError {
        var reason = "unknown suffix \(QuantityError.quoted(String(suffix)))"
        if let hint = suggestion(for: suffix) {
            reason += " (did you mean \"\(hint)\"? suffixes are case-sensitive and carry no unit)"
        }
        return QuantityError(input: input, reason: reason)
    }

    /// A likely intended suffix for common mistakes: `GiB`, `mi`, `KB`, `GB`.
    private static func suggestion(for suffix: Substring) -> String? {
        let lowered = suffix.lowercased()
        if let binary = binarySuffixes.keys.sorted().first(where: { lowered.hasPrefix($0.lowercased()) }) {
            return binary
        }
        guard let first = suffix.first else { return nil }
        if first == "K" || first == "k" { return "k" }
        let letter = String(first)
        if !letter.isEmpty, decimalSuffixes[letter] != nil, suffix.count > 1 { return letter }
        return nil
    }
}
