import Foundation

/// A URL query string decoded as Go's `url.ParseQuery` does (`+` is a space, `%XX` escapes).
struct QueryParameters: Sendable {
    private var values: [String: [String]] = [:]

    init(_ query: String) {
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let key = Self.decode(parts[0]) else { continue }
            let value = parts.count > 1 ? (Self.decode(parts[1]) ?? "") : ""
            values[key, default: []].append(value)
        }
    }

    func value(_ name: String) -> String? { values[name]?.first }

    func has(_ name: String) -> Bool { values[name] != nil }

    /// `true`/`1` and friends, as `strconv.ParseBool`.
    func flag(_ name: String) -> Bool {
        guard let text = value(name) else { return false }
        return ["1", "t", "T", "true", "TRUE", "True"].contains(text)
    }

    func all(_ name: String) -> [String] { values[name] ?? [] }

    private static func decode(_ text: Substring) -> String? {
        String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
