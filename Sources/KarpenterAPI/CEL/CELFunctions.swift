/// The CEL functions and string extensions that CRD rules call.
enum CELFunctions {
    static func call(_ function: String, receiver: CELValue?, arguments: [CELValue]) throws -> CELValue {
        switch (function, receiver, arguments.count) {
        case ("size", .some(let value), 0):
            return .int(Int64(try size(value)))
        case ("size", nil, 1):
            return .int(Int64(try size(arguments[0])))
        case ("int", nil, 1):
            return .int(try toInt(arguments[0]))
        case ("string", nil, 1):
            return .string(try toString(arguments[0]))
        // String functions work on code points like CEL's, not on Swift's grapheme clusters
        // (Swift's hasSuffix/contains would not see a "\\" followed by a combining mark).
        case ("endsWith", .string(let text), 1):
            return .bool(text.unicodeScalars.reversed().starts(with: try string(arguments[0]).unicodeScalars.reversed()))
        case ("startsWith", .string(let text), 1):
            return .bool(text.unicodeScalars.starts(with: try string(arguments[0]).unicodeScalars))
        case ("contains", .string(let text), 1):
            return .bool(firstIndex(of: Array(try string(arguments[0]).unicodeScalars), in: Array(text.unicodeScalars), from: 0) != nil)
        case ("matches", .string(let text), 1):
            return .bool(try regexCall { try RE2Syntax.matches(try string(arguments[0]), text) })
        case ("find", .string(let text), 1):
            return .string(try regexCall { try RE2Syntax.firstMatch(try string(arguments[0]), text) })
        case ("split", .string(let text), 1):
            return .list(split(text, by: try string(arguments[0])).map(CELValue.string))
        case ("lowerAscii", .string(let text), 0):
            return .string(String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
                ("A"..."Z").contains(scalar) ? Unicode.Scalar(scalar.value + 32)! : scalar
            })))
        default:
            throw CELError(message: "found no matching overload for '\(function)'")
        }
    }

    /// Position of `needle` in `haystack` at or after `start`, comparing code points.
    private static func firstIndex(of needle: [Unicode.Scalar], in haystack: [Unicode.Scalar], from start: Int) -> Int? {
        if needle.isEmpty { return start }
        guard haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        for position in start...(haystack.count - needle.count) where haystack[position..<position + needle.count].elementsEqual(needle) {
            return position
        }
        return nil
    }

    /// Go's `strings.Split`: by code points; an empty separator splits into single code points.
    private static func split(_ text: String, by separator: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        let needle = Array(separator.unicodeScalars)
        func string(_ part: ArraySlice<Unicode.Scalar>) -> String { String(String.UnicodeScalarView(part)) }
        if needle.isEmpty { return scalars.map { String($0) } }
        var parts: [String] = []
        var start = 0
        while let found = firstIndex(of: needle, in: scalars, from: start) {
            parts.append(string(scalars[start..<found]))
            start = found + needle.count
        }
        parts.append(string(scalars[start...]))
        return parts
    }

    private static func regexCall<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as CELError { throw error } catch {
            throw CELError(message: "invalid regular expression")
        }
    }

    private static func string(_ value: CELValue) throws -> String {
        guard case .string(let text) = value else { throw CELError(message: "expected a string, got \(value.typeName)") }
        return text
    }

    private static func size(_ value: CELValue) throws -> Int {
        switch value {
        case .string(let text): return text.unicodeScalars.count
        case .list(let items): return items.count
        case .map(let dict): return dict.count
        default: throw CELError(message: "no such overload: size(\(value.typeName))")
        }
    }

    private static func toInt(_ value: CELValue) throws -> Int64 {
        switch value {
        case .int(let number): return number
        case .double(let number):
            guard number.isFinite, abs(number) < 9.2e18 else { throw CELError(message: "int() range error") }
            return Int64(number)
        case .string(let text):
            guard let number = Int64(text) else {
                throw CELError(message: "cannot convert \"\(text)\" to an integer")
            }
            return number
        default: throw CELError(message: "no such overload: int(\(value.typeName))")
        }
    }

    private static func toString(_ value: CELValue) throws -> String {
        switch value {
        case .string(let text): return text
        case .int(let number): return String(number)
        case .double(let number): return String(number)
        case .bool(let flag): return String(flag)
        default: throw CELError(message: "no such overload: string(\(value.typeName))")
        }
    }
}
