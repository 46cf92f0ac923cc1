import Foundation

/// Runs an exec credential plugin once and decodes what it printed (client-go's protocol):
/// our environment + `env` + `KUBERNETES_EXEC_INFO`, stdout read fully as an ExecCredential
/// of the configured apiVersion, non-zero exit reported with stderr.
public struct ExecCredentialPlugin: Sendable {
    public var config: ExecConfig
    /// `spec.cluster`, sent only when `provideClusterInfo` is true.
    public var cluster: ExecClusterInfo?
    public var environment: [String: String]
    public var workingDirectory: String
    public var stdinIsTerminal: Bool
    public var timeout: Duration?

    public init(config: ExecConfig, cluster: ExecClusterInfo? = nil,
                environment: [String: String] = ProcessInfo.processInfo.environment,
                workingDirectory: String = FileManager.default.currentDirectoryPath,
                stdinIsTerminal: Bool = isatty(STDIN_FILENO) != 0, timeout: Duration? = nil) {
        self.config = config
        self.cluster = cluster
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.stdinIsTerminal = stdinIsTerminal
        self.timeout = timeout
    }

    public var apiVersion: String { config.apiVersion ?? ExecCredentialAPIVersion.v1beta1.rawValue }

    /// client-go: Never -> no; IfAvailable (the v1beta1 default) -> if stdin is a terminal;
    /// Always -> stdin must be a terminal.
    public func isInteractive() throws -> Bool {
        switch config.interactiveMode ?? .ifAvailable {
        case .never: return false
        case .ifAvailable: return stdinIsTerminal
        case .always:
            guard stdinIsTerminal else { throw ExecPluginError.interactiveNeedsTerminal(command: config.command) }
            return true
        }
    }

    /// The JSON put into `KUBERNETES_EXEC_INFO`.
    public func execInfo(interactive: Bool) throws -> String {
        let request = ExecCredentialRequest(
            apiVersion: apiVersion,
            spec: .init(interactive: interactive, cluster: config.provideClusterInfo == true ? cluster : nil))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(request), as: UTF8.self)
    }

    /// The child's environment: ours, then the config's `env` entries, then the exec info.
    public func childEnvironment(interactive: Bool) throws -> [String: String] {
        var merged = environment
        for variable in config.env ?? [] { merged[variable.name] = variable.value }
        merged["KUBERNETES_EXEC_INFO"] = try execInfo(interactive: interactive)
        return merged
    }

    public func run() async throws -> ExecCredential {
        let command = config.command
        guard let executable = CommandLocator.locate(command, path: environment["PATH"],
                                                     workingDirectory: workingDirectory) else {
            throw ExecPluginError.commandNotFound(command: command, installHint: config.installHint)
        }
        let interactive = try isInteractive()
        let invocation = ProcessInvocation(
            executable: executable, arguments: config.args ?? [],
            environment: try childEnvironment(interactive: interactive),
            interactive: interactive, timeout: timeout)
        let outcome: ProcessOutcome
        do {
            outcome = try await ProcessRunner.run(invocation)
        } catch ProcessRunError.timedOut {
            let seconds = timeout.map { Double($0.components.seconds) + Double($0.components.attoseconds) / 1e18 } ?? 0
            throw ExecPluginError.timedOut(command: command, seconds: seconds)
        } catch ProcessRunError.launch(let reason) {
            throw ExecPluginError.launchFailed(command: command, reason: reason)
        }
        let stderr = String(decoding: outcome.stderr, as: UTF8.self)
        switch outcome.ending {
        case .exited(0): break
        case .exited(let code): throw ExecPluginError.failed(command: command, exitCode: code, stderr: stderr)
        case .signalled(let signal): throw ExecPluginError.terminated(command: command, signal: signal, stderr: stderr)
        }
        return try ExecCredentialDecoder.decode(outcome.stdout, command: command, expectedAPIVersion: apiVersion)
    }
}
