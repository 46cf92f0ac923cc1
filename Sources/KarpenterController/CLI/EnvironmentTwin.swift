import ArgumentParser
import Foundation
import KarpenterAPI

/// A flag's environment-variable twin, as the Helm chart sets them: the flag wins, then the
/// first non-empty variable, then the default.
struct EnvironmentTwin: Sendable {
    var environment: [String: String]

    func string(_ flag: String?, _ variables: [String], default fallback: String? = nil) -> String? {
        if let flag, !flag.isEmpty { return flag }
        for variable in variables {
            if let value = environment[variable], !value.isEmpty { return value }
        }
        return fallback
    }

    func int(_ flag: Int?, _ variable: String, default fallback: Int) throws -> Int {
        if let flag { return flag }
        guard let text = string(nil, [variable]) else { return fallback }
        guard let value = Int(text) else { throw ValidationError("\(variable)=\(text) is not a port number") }
        return value
    }

    func bool(_ flag: Bool?, _ variable: String, default fallback: Bool) throws -> Bool {
        if let flag { return flag }
        guard let text = string(nil, [variable]) else { return fallback }
        switch text.lowercased() {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw ValidationError("\(variable)=\(text) is not true or false")
        }
    }

    /// Go-style durations (`1s`, `500ms`, `10m`) as the chart writes them.
    func duration(_ flag: String?, _ variable: String, default fallback: Duration, name: String) throws -> Duration {
        guard let text = string(flag, [variable]) else { return fallback }
        guard let parsed = try? GoDuration(parsing: text), parsed.nanoseconds > 0 else {
            throw ValidationError("\(name) \(text) is not a positive duration (e.g. 1s, 500ms, 10m)")
        }
        return .nanoseconds(parsed.nanoseconds)
    }
}
