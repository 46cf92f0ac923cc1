import Foundation

/// RFC 3339 times as the API server writes them (`2026-11-29T04:05:53Z`).
enum Timestamps {
    static func now() -> String { string(Date()) }

    static func string(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    static func date(_ text: String?) -> Date? {
        guard let text else { return nil }
        if let date = try? Date(text, strategy: .iso8601) { return date }
        // Fractional seconds (`...05:53.123Z`) are legal too.
        return try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}

extension Duration {
    var seconds: Double {
        let (whole, fraction) = components
        return Double(whole) + Double(fraction) / 1e18
    }
}
