extension Quantity {
    /// True when the value is zero (whatever the suffix: `0Gi`, `0m`, `-0`).
    public var isZero: Bool { nanos.isZero }

    /// -1, 0 or 1.
    public var signum: Int { nanos.signum }

    /// The value in whole units, rounded away from zero (`1500m` gives 2, `-1500m` gives -2),
    /// like Kubernetes `Value()`; saturates at the Int64 range instead of overflowing.
    public var value: Int64 { nanos.int64RoundingAwayFromZero(dividingBy: 1_000_000_000) }

    /// The value in thousandths, rounded away from zero (`1.0001` gives 1001), like
    /// Kubernetes `MilliValue()`; saturates at the Int64 range instead of overflowing.
    public var milliValue: Int64 { nanos.int64RoundingAwayFromZero(dividingBy: 1_000_000) }

    /// The value in billionths (exact for every parsed quantity); saturates at the Int64 range.
    public var nanoValue: Int64 { nanos.int64RoundingAwayFromZero(dividingBy: 1) }

    /// The value as a Double (approximate for very large or very precise values).
    public var asDouble: Double { nanos.doubleValue / 1_000_000_000 }
}
