extension GoDuration: CustomStringConvertible {
    /// Go's `Duration.String()`: `720h0m0s`, `1h30m0s`, `1.5s`, `300ms`, `2µs`, `1ns`, `0s`.
    /// Below one second it uses the largest of ms, µs, ns that keeps the integer part
    /// non-zero; fractions drop trailing zeros.
    public var description: String {
        var magnitude = nanoseconds.magnitude
        let sign = nanoseconds < 0 ? "-" : ""
        if magnitude == 0 { return "0s" }
        if magnitude < 1_000_000_000 {
            let (precision, unit): (Int, String)
            switch magnitude {
            case ..<1_000: (precision, unit) = (0, "ns")
            case ..<1_000_000: (precision, unit) = (3, "\u{00B5}s")
            default: (precision, unit) = (6, "ms")
            }
            let (fraction, whole) = Self.fraction(of: magnitude, precision: precision)
            return sign + String(whole) + fraction + unit
        }
        let (fraction, wholeSeconds) = Self.fraction(of: magnitude, precision: 9)
        magnitude = wholeSeconds
        var text = String(magnitude % 60) + fraction + "s"
        magnitude /= 60
        if magnitude > 0 {
            text = String(magnitude % 60) + "m" + text
            magnitude /= 60
            if magnitude > 0 {
                text = String(magnitude) + "h" + text
            }
        }
        return sign + text
    }

    /// Splits `value` into `value / 10^precision` and the fraction text (".5", or "" when
    /// the fraction is zero), dropping trailing zeros as Go's `fmtFrac` does.
    private static func fraction(of value: UInt64, precision: Int) -> (text: String, whole: UInt64) {
        var rest = value
        var digits: [Character] = []
        var printing = false
        for _ in 0..<precision {
            let digit = rest % 10
            printing = printing || digit != 0
            if printing { digits.append(Character(String(digit))) }
            rest /= 10
        }
        if !printing { return ("", rest) }
        return ("." + String(digits.reversed()), rest)
    }
}
