// Arithmetic is exact. The throwing forms report overflow (beyond about ±3.4e29); the
// operators saturate at that bound instead, so they never trap.
//
// As in Kubernetes `Add`/`Sub`, the result keeps the left operand's format unless the
// left operand is zero, in which case it takes the right operand's format. Results print
// canonically (the parsed spelling is not kept).
extension Quantity {
    public func adding(_ other: Quantity) throws(QuantityError) -> Quantity {
        guard let sum = nanos.adding(other.nanos) else { throw Self.arithmeticOverflow("sum") }
        return Quantity(nanos: sum, format: isZero ? other.format : format)
    }

    public func subtracting(_ other: Quantity) throws(QuantityError) -> Quantity {
        guard let difference = nanos.subtracting(other.nanos) else {
            throw Self.arithmeticOverflow("difference")
        }
        return Quantity(nanos: difference, format: isZero ? other.format : format)
    }

    public func multiplied(by factor: Int) throws(QuantityError) -> Quantity {
        guard let product = nanos.multiplied(by: Int64(factor)) else {
            throw Self.arithmeticOverflow("product")
        }
        return Quantity(nanos: product, format: format)
    }

    /// The value with the opposite sign, same format.
    public var negated: Quantity {
        Quantity(nanos: nanos.negated, format: format)
    }

    public static func + (lhs: Quantity, rhs: Quantity) -> Quantity {
        (try? lhs.adding(rhs)) ?? saturated(positive: lhs.nanos.isNegative == false, format: lhs.format)
    }

    public static func - (lhs: Quantity, rhs: Quantity) -> Quantity {
        (try? lhs.subtracting(rhs)) ?? saturated(positive: lhs.nanos.isNegative == false, format: lhs.format)
    }

    public static func * (lhs: Quantity, rhs: Int) -> Quantity {
        (try? lhs.multiplied(by: rhs)) ?? saturated(positive: lhs.nanos.isNegative == (rhs < 0), format: lhs.format)
    }

    public static func * (lhs: Int, rhs: Quantity) -> Quantity {
        rhs * lhs
    }

    public static prefix func - (operand: Quantity) -> Quantity {
        operand.negated
    }

    public static func += (lhs: inout Quantity, rhs: Quantity) {
        lhs = lhs + rhs
    }

    public static func -= (lhs: inout Quantity, rhs: Quantity) {
        lhs = lhs - rhs
    }

    private static func saturated(positive: Bool, format: QuantityFormat) -> Quantity {
        Quantity(nanos: SignedWide(negative: !positive, magnitude: .max), format: format)
    }

    private static func arithmeticOverflow(_ what: String) -> QuantityError {
        QuantityError(input: "", reason: "the \(what) is beyond about ±3.4e29", kind: .overflow)
    }
}
