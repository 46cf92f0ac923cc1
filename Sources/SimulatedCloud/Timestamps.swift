import Foundation

/// RFC 3339 times as the API server writes them: seconds for `Time`, microseconds for `MicroTime`.
enum Timestamps {
    static func seconds(_ date: Date = Date()) -> String {
        Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down)).formatted(.iso8601)
    }

    static func micro(_ date: Date = Date()) -> String {
        let whole = date.timeIntervalSince1970.rounded(.down)
        let micros = Int(((date.timeIntervalSince1970 - whole) * 1_000_000).rounded(.down))
        let base = Date(timeIntervalSince1970: whole).formatted(.iso8601).dropLast()
        let fraction = String(micros)
        return "\(base).\(String(repeating: "0", count: max(0, 6 - fraction.count)))\(fraction)Z"
    }

    static func parse(_ text: String?) -> Date? {
        guard let text, !text.isEmpty else { return nil }
        if let date = try? Date(text, strategy: .iso8601) { return date }
        // Fractional seconds: parse the whole seconds and add the fraction.
        guard let dot = text.firstIndex(of: "."), let zone = text[dot...].firstIndex(where: { $0 == "Z" || $0 == "+" || $0 == "-" }),
              let base = try? Date(String(text[..<dot]) + String(text[zone...]), strategy: .iso8601) else { return nil }
        let fraction = Double("0" + text[dot..<zone]) ?? 0
        return base.addingTimeInterval(fraction)
    }
}
