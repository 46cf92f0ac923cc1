import ArgumentParser

/// Failures of the plugin that are the user's to fix: printed without a stack trace.
enum CLIError: Error, CustomStringConvertible {
    case usage(String)
    case failed(String)

    var description: String {
        switch self {
        case .usage(let message), .failed(let message): return message
        }
    }

    var exitCode: ExitCode {
        switch self {
        case .usage: return ExitCode(64)
        case .failed: return ExitCode(1)
        }
    }
}
