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
        case ("endsWith", .string(let text), 1):
            return .bool(text.hasSuffix(try string(arguments[0])))
        case ("startsWith", .string(let text), 1):
            return .bool(text.hasPrefix(try string(arguments[0])))
        case ("contains", .string(let text), 1):
            let needle = try string(arguments[0])
            return .bool(needle.isEmpty || text.contains(needle))
        case ("matches", .string(let text), 1):
            return .bool(try regexCall { try RegexCache.shared.matches(try string(arguments[0]), text) })
        case ("find", .string(let text), 1):
            return .string(try regexCall { try RegexCache.shared.firstMatch(try string(arguments[0]), text) })
        case ("split", .string(let text), 1):
            let separator = try string(arguments[0])
            let parts = separator.isEmpty
                ? text.map { String($0) }
                : text.components(separatedBy: separator)
            return .list(parts.map(CELValue.string))
        case ("lowerAscii", .string(let text), 0):
            return .string(text.lowercased())
        default:
            throw CELError(message: "found no matching overload for '\(function)'")
        }
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
