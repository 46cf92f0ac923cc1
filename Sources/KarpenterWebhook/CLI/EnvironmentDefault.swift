import Foundation

/// The environment-variable twin of a flag: the flag wins, then the variable, then the default.
enum EnvironmentDefault {
    static func string(_ flag: String?, _ variable: String, _ fallback: String) -> String {
        flag ?? nonEmpty(variable) ?? fallback
    }

    static func int(_ flag: Int?, _ variable: String, _ fallback: Int) throws -> Int {
        if let flag { return flag }
        guard let text = nonEmpty(variable) else { return fallback }
        guard let value = Int(text) else { throw ConfigurationError("\(variable)=\(text) is not an integer") }
        return value
    }

    static func seconds(_ flag: Double?, _ variable: String, _ fallback: Double) throws -> Double {
        if let flag { return flag }
        guard let text = nonEmpty(variable) else { return fallback }
        guard let value = Double(text.hasSuffix("s") ? String(text.dropLast()) : text), value >= 0 else {
            throw ConfigurationError("\(variable)=\(text) is not a number of seconds (e.g. 10 or 2.5s)")
        }
        return value
    }

    private static func nonEmpty(_ variable: String) -> String? {
        guard let value = ProcessInfo.processInfo.environment[variable], !value.isEmpty else { return nil }
        return value
    }
}

struct ConfigurationError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
