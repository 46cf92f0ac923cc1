extension GoDuration {
    /// Nanoseconds per unit, as in Go's `unitMap` (both micro signs are accepted).
    private static let units: [String: UInt64] = [
        "ns": 1,
        "us": 1_000,
        "\u{00B5}s": 1_000,  // µ MICRO SIGN
        "\u{03BC}s": 1_000,  // μ GREEK SMALL LETTER MU
        "ms": 1_000_000,
        "s": 1_000_000_000,
        "m": 60_000_000_000,
        "h": 3_600_000_000_000,
    ]

    private static let limit: UInt64 = 1 << 63

    /// Parses like Go's `time.ParseDuration`: an optional sign, then one or more
    /// `<number><unit>` terms (`1h30m`, `1.5h`, `-300ms`, `2µs`); `0` alone is zero.
    public init(parsing text: String) throws(DurationError) {
        let bytes = Array(text.utf8)
        var index = 0
        var negative = false
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            index = 1
        }
        let rest = bytes[index...]
        if rest.elementsEqual([UInt8(ascii: "0")]) {
            self.init(nanoseconds: 0)
            return
        }
        guard !rest.isEmpty else { throw DurationError(input: text, kind: .invalid) }

        var total: UInt64 = 0
        while index < bytes.count {
            guard Self.isDigit(bytes[index]) || bytes[index] == UInt8(ascii: ".") else {
                throw DurationError(input: text, kind: .invalid)
            }
            // Whole part: [0-9]*
            let wholeStart = index
            var whole: UInt64 = 0
            while index < bytes.count, Self.isDigit(bytes[index]) {
                guard whole <= Self.limit / 10 else { throw DurationError(input: text, kind: .overflow) }
                whole = whole * 10 + UInt64(bytes[index] - UInt8(ascii: "0"))
                guard whole <= Self.limit else { throw DurationError(input: text, kind: .overflow) }
                index += 1
            }
            let hasWhole = index != wholeStart

            // Fraction: (\.[0-9]*)? ; stops accumulating precision when it would overflow.
            var fraction: UInt64 = 0
            var scale: Double = 1
            var hasFraction = false
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                let fractionStart = index
                var saturated = false
                while index < bytes.count, Self.isDigit(bytes[index]) {
                    defer { index += 1 }
                    if saturated { continue }
                    if fraction > (Self.limit - 1) / 10 {
                        saturated = true
                        continue
                    }
                    let next = fraction * 10 + UInt64(bytes[index] - UInt8(ascii: "0"))
                    if next > Self.limit {
                        saturated = true
                        continue
                    }
                    fraction = next
                    scale *= 10
                }
                hasFraction = index != fractionStart
            }
            guard hasWhole || hasFraction else { throw DurationError(input: text, kind: .invalid) }

            // Unit: everything up to the next digit or '.'.
            let unitStart = index
            while index < bytes.count, !Self.isDigit(bytes[index]), bytes[index] != UInt8(ascii: ".") {
                index += 1
            }
            guard index != unitStart else { throw DurationError(input: text, kind: .missingUnit) }
            let unitName = String(decoding: bytes[unitStart..<index], as: UTF8.self)
            guard let unit = Self.units[unitName] else {
                throw DurationError(input: text, kind: .unknownUnit(unitName))
            }

            guard whole <= Self.limit / unit else { throw DurationError(input: text, kind: .overflow) }
            var term = whole * unit
            if fraction > 0 {
                // Go uses float64 here; it is exact to the nanosecond for fractions of an hour.
                let extra = Double(fraction) * (Double(unit) / scale)
                guard extra < 18_446_744_073_709_551_616.0 else { throw DurationError(input: text, kind: .overflow) }
                let (sum, overflow) = term.addingReportingOverflow(UInt64(extra))
                guard !overflow, sum <= Self.limit else { throw DurationError(input: text, kind: .overflow) }
                term = sum
            }
            let (sum, overflow) = total.addingReportingOverflow(term)
            guard !overflow, sum <= Self.limit else { throw DurationError(input: text, kind: .overflow) }
            total = sum
        }

        if negative {
            self.init(nanoseconds: total == Self.limit ? .min : -Int64(total))
            return
        }
        guard total <= UInt64(Int64.max) else { throw DurationError(input: text, kind: .overflow) }
        self.init(nanoseconds: Int64(total))
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
