import Foundation

/// Compiled regular expressions shared across validations; schema patterns repeat a lot.
final class RegexCache: @unchecked Sendable {
    static let shared = RegexCache()
    private let lock = NSLock()
    private var compiled: [String: NSRegularExpression] = [:]

    func regex(_ pattern: String) throws -> NSRegularExpression {
        lock.lock()
        defer { lock.unlock() }
        if let cached = compiled[pattern] { return cached }
        let regex = try NSRegularExpression(pattern: pattern)
        compiled[pattern] = regex
        return regex
    }

    /// True when `pattern` matches anywhere in `text` (RE2/CEL `matches` semantics; anchors in
    /// the pattern make it a full match).
    func matches(_ pattern: String, _ text: String) throws -> Bool {
        let regex = try regex(pattern)
        let range = NSRange(text.startIndex..<text.endIndex, in: text)
        return regex.firstMatch(in: text, options: [], range: range) != nil
    }

    /// The first substring of `text` matching `pattern`, or "" (CEL `find`).
    func firstMatch(_ pattern: String, _ text: String) throws -> String {
        let regex = try regex(pattern)
        let range = NSRange(text.startIndex..<text.endIndex, in: text)
        guard let match = regex.firstMatch(in: text, options: [], range: range),
              let found = Range(match.range, in: text) else { return "" }
        return String(text[found])
    }
}
