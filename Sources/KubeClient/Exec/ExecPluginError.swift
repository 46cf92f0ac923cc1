import Foundation

/// Why an exec credential plugin gave no credential. Messages name the command and say what
/// to do.
public enum ExecPluginError: Error, Sendable, Equatable, CustomStringConvertible {
    case commandNotFound(command: String, installHint: String?)
    case launchFailed(command: String, reason: String)
    case failed(command: String, exitCode: Int32, stderr: String)
    case terminated(command: String, signal: Int32, stderr: String)
    case timedOut(command: String, seconds: Double)
    case interactiveNeedsTerminal(command: String)
    case invalidOutput(command: String, reason: String)
    case wrongAPIVersion(command: String, expected: String, got: String)

    public var description: String {
        switch self {
        case .commandNotFound(let command, let hint):
            let base = "exec plugin: executable \(command) not found"
            guard let hint = nonEmpty(hint) else {
                return base + "; install it or fix user.exec.command in the kubeconfig"
            }
            return base + "\n\n" + hint
        case .launchFailed(let command, let reason):
            return "exec plugin: cannot run \(command): \(reason)"
        case .failed(let command, let exitCode, let stderr):
            return "exec plugin: \(command) failed with exit code \(exitCode)" + Self.quote(stderr)
        case .terminated(let command, let signal, let stderr):
            return "exec plugin: \(command) was killed by signal \(signal)" + Self.quote(stderr)
        case .timedOut(let command, let seconds):
            return "exec plugin: \(command) did not finish within \(seconds)s"
        case .interactiveNeedsTerminal(let command):
            return "exec plugin: \(command) needs interactiveMode Always, but standard input is not a terminal"
        case .invalidOutput(let command, let reason):
            return "exec plugin: \(command) printed an invalid ExecCredential: \(reason)"
        case .wrongAPIVersion(let command, let expected, let got):
            return "exec plugin: \(command) is configured for \(expected) but returned \(got.isEmpty ? "no apiVersion" : got)"
        }
    }

    private static func quote(_ stderr: String) -> String {
        let trimmed = stderr.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return " (nothing on stderr)" }
        let tail = trimmed.count > 2000 ? "…" + trimmed.suffix(2000) : Substring(trimmed)
        return ":\n" + tail
    }
}
