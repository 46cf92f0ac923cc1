import ArgumentParser

/// What a command prints and how it exits, computed without I/O so tests can assert it.
struct CommandOutput: Sendable, Equatable {
    var stdout: String = ""
    var stderr: String = ""
    var exitCode: Int32 = 0

    /// Writes both streams (a trailing newline each, as `Terminal` adds) and ends with the code.
    func emit() throws {
        if !stdout.isEmpty { Terminal.out(stdout.hasSuffix("\n") ? String(stdout.dropLast()) : stdout) }
        if !stderr.isEmpty { Terminal.err(stderr.hasSuffix("\n") ? String(stderr.dropLast()) : stderr) }
        if exitCode != 0 { throw ExitCode(exitCode) }
    }

    static func failure(_ message: String, code: Int32 = 1) -> CommandOutput {
        CommandOutput(stderr: message, exitCode: code)
    }
}
