import Foundation

/// A Go `time.Duration`: a signed number of nanoseconds that parses with
/// `time.ParseDuration` and prints with `Duration.String()` (`720h0m0s`, `1.5s`, `300ms`).
public struct GoDuration: Sendable, Hashable, Comparable {
    public var nanoseconds: Int64

    public init(nanoseconds: Int64) {
        self.nanoseconds = nanoseconds
    }

    public static let zero = GoDuration(nanoseconds: 0)

    public static let nanosecond: Int64 = 1
    public static let microsecond: Int64 = 1_000
    public static let millisecond: Int64 = 1_000_000
    public static let second: Int64 = 1_000_000_000
    public static let minute: Int64 = 60 * second
    public static let hour: Int64 = 60 * minute

    /// Whole seconds, saturating at the Int64 range.
    public static func seconds(_ count: Int64) -> GoDuration { scaled(count, second) }
    /// Whole minutes, saturating at the Int64 range.
    public static func minutes(_ count: Int64) -> GoDuration { scaled(count, minute) }
    /// Whole hours, saturating at the Int64 range.
    public static func hours(_ count: Int64) -> GoDuration { scaled(count, hour) }
    /// Whole milliseconds, saturating at the Int64 range.
    public static func milliseconds(_ count: Int64) -> GoDuration { scaled(count, millisecond) }

    private static func scaled(_ count: Int64, _ unit: Int64) -> GoDuration {
        let (product, overflow) = count.multipliedReportingOverflow(by: unit)
        if overflow { return GoDuration(nanoseconds: (count < 0) ? .min : .max) }
        return GoDuration(nanoseconds: product)
    }

    /// Seconds as a floating-point number (Go `Seconds()`).
    public var seconds: Double {
        let whole = nanoseconds / Self.second
        let fraction = nanoseconds % Self.second
        return Double(whole) + Double(fraction) / 1e9
    }

    public var timeInterval: TimeInterval { seconds }

    /// The same length as a Swift `Duration`.
    public var swiftDuration: Swift.Duration { .nanoseconds(nanoseconds) }

    public static func < (lhs: GoDuration, rhs: GoDuration) -> Bool {
        lhs.nanoseconds < rhs.nanoseconds
    }
}

// Encoded as Go's `String()` (like `metav1.Duration`), decoded with `ParseDuration`.
extension GoDuration: StringRepresentedValue {}
