/// An arbitrary-size natural number, used only while parsing so that inputs with many
/// digits (`0.00000000000000000000000000000000000001`) are rounded exactly, as the
/// arbitrary-precision decimals of Kubernetes do.
struct BigNatural: Sendable {
    /// Little-endian 32-bit limbs; empty means zero.
    private var limbs: [UInt32] = []

    init() {}

    var isZero: Bool { limbs.isEmpty }

    /// Appends a decimal digit: `self = self * 10 + digit`.
    mutating func appendDigit(_ digit: UInt32) {
        multiply(by: 10)
        add(digit)
    }

    mutating func multiply(by factor: UInt32) {
        var carry: UInt64 = 0
        for index in limbs.indices {
            let product = UInt64(limbs[index]) * UInt64(factor) + carry
            limbs[index] = UInt32(truncatingIfNeeded: product)
            carry = product >> 32
        }
        if carry != 0 { limbs.append(UInt32(carry)) }
        trim()
    }

    mutating func add(_ value: UInt32) {
        var carry = UInt64(value)
        var index = 0
        while carry != 0 {
            if index == limbs.count { limbs.append(0) }
            let sum = UInt64(limbs[index]) + carry
            limbs[index] = UInt32(truncatingIfNeeded: sum)
            carry = sum >> 32
            index += 1
        }
    }

    /// Truncating division; returns the remainder.
    @discardableResult
    mutating func divide(by divisor: UInt32) -> UInt32 {
        var remainder: UInt64 = 0
        for index in limbs.indices.reversed() {
            let current = (remainder << 32) | UInt64(limbs[index])
            limbs[index] = UInt32(current / UInt64(divisor))
            remainder = current % UInt64(divisor)
        }
        trim()
        return UInt32(remainder)
    }

    /// Multiplies by 10^power (power >= 0).
    mutating func multiplyByPowerOfTen(_ power: Int) {
        var left = power
        while left > 0 && !isZero {
            let step = min(left, 9)
            multiply(by: Self.powersOfTen[step])
            left -= step
        }
    }

    /// Divides by 10^power (power >= 0); returns true when the division was inexact.
    mutating func divideByPowerOfTen(_ power: Int) -> Bool {
        var inexact = false
        var left = power
        while left > 0 && !isZero {
            let step = min(left, 9)
            if divide(by: Self.powersOfTen[step]) != 0 { inexact = true }
            left -= step
        }
        return inexact
    }

    /// Multiplies by 2^power (power >= 0).
    mutating func multiplyByPowerOfTwo(_ power: Int) {
        var left = power
        while left > 0 && !isZero {
            let step = min(left, 31)
            multiply(by: UInt32(1) << UInt32(step))
            left -= step
        }
    }

    /// The value as 128 bits, or nil when it is larger.
    var magnitude128: Magnitude128? {
        guard limbs.count <= 4 else { return nil }
        let words = limbs + Array(repeating: 0, count: 4 - limbs.count)
        let low = UInt64(words[0]) | (UInt64(words[1]) << 32)
        let high = UInt64(words[2]) | (UInt64(words[3]) << 32)
        return Magnitude128(high: high, low: low)
    }

    private mutating func trim() {
        while let last = limbs.last, last == 0 { limbs.removeLast() }
    }

    private static let powersOfTen: [UInt32] = [
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000,
    ]
}
