import Foundation

/// The API server evaluates `pattern` keywords and CEL `matches()`/`find()` with Go's RE2
/// engine; `NSRegularExpression` is ICU, whose syntax differs in ways that change verdicts:
/// ICU's `$` also matches before a final line break (`"50Mi\n"` would pass `^\d+Mi$`), its
/// `\d`, `\s`, `\w` are Unicode-aware (Arabic-Indic digits would pass `^\d+$`), its `.` also
/// refuses `\r` and other line separators, and it treats `[` and `&&` inside a character
/// class as set operations. This rewrites an RE2 pattern into an ICU pattern with RE2's
/// meaning, so the same strings match.
final class RE2Syntax: @unchecked Sendable {
    static let shared = RE2Syntax()
    private let lock = NSLock()
    private var translated: [String: String] = [:]

    /// True when `pattern` (RE2 syntax) matches anywhere in `text`, as Go's `MatchString`.
    static func matches(_ pattern: String, _ text: String) throws -> Bool {
        try RegexCache.shared.matches(shared.icuPattern(pattern), text)
    }

    /// The first match of `pattern` (RE2 syntax) in `text`, or "" (CEL `find`).
    static func firstMatch(_ pattern: String, _ text: String) throws -> String {
        try RegexCache.shared.firstMatch(shared.icuPattern(pattern), text)
    }

    func icuPattern(_ pattern: String) -> String {
        lock.lock()
        if let cached = translated[pattern] { lock.unlock(); return cached }
        lock.unlock()
        let result = Self.translate(pattern)
        lock.lock()
        translated[pattern] = result
        lock.unlock()
        return result
    }

    private static let space = #"\t\n\f\r "#
    private static let word = "0-9A-Za-z_"

    static func translate(_ pattern: String) -> String {
        let chars = Array(pattern.unicodeScalars)
        // Flags that change what `$` and `.` mean: leave those parts to ICU, whose (?m)/(?s) agree.
        let hasLineFlags = pattern.range(of: #"\(\?[a-zA-Z]*[ms]"#, options: .regularExpression) != nil
        var out = ""
        var position = 0
        var inClass = false
        var classStart = false
        while position < chars.count {
            let char = chars[position]
            let next: Unicode.Scalar? = position + 1 < chars.count ? chars[position + 1] : nil
            if char == "\\", let escaped = next {
                position += 2
                if inClass {
                    switch escaped {
                    case "d": out += "0-9"
                    case "s": out += space
                    case "w": out += word
                    default: out += "\\" + String(escaped)
                    }
                    classStart = false
                } else {
                    switch escaped {
                    case "d": out += "[0-9]"
                    case "D": out += "[^0-9]"
                    case "s": out += "[\(space)]"
                    case "S": out += "[^\(space)]"
                    case "w": out += "[\(word)]"
                    case "W": out += "[^\(word)]"
                    default: out += "\\" + String(escaped)
                    }
                }
                continue
            }
            position += 1
            if inClass {
                switch char {
                case "]" where !classStart:
                    inClass = false
                    out += "]"
                case "[" where next == ":":
                    // POSIX class such as [:alpha:]: copy through the closing ":]".
                    out += "["
                    while position < chars.count {
                        out.unicodeScalars.append(chars[position])
                        position += 1
                        if chars[position - 1] == "]", chars[position - 2] == ":" { break }
                    }
                case "[", "]", "&":
                    // A literal in RE2 (a leading "]" included); set syntax in ICU.
                    out += "\\" + String(char)
                default:
                    out.unicodeScalars.append(char)
                }
                classStart = false
                continue
            }
            switch char {
            case "[":
                inClass = true
                classStart = true
                out += "["
                if position < chars.count, chars[position] == "^" {
                    out += "^"
                    position += 1
                }
            case "$" where !hasLineFlags:
                out += "\\z"
            case "." where !hasLineFlags:
                out += "[^\\n]"
            case "(" where next == "?" && position + 2 < chars.count && chars[position + 1] == "P" && chars[position + 2] == "<":
                out += "(?<"
                position += 3
            default:
                out.unicodeScalars.append(char)
            }
        }
        return out
    }
}
