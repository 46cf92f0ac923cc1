import Foundation
import Testing
@testable import KubeClient

/// Every way a plugin can fail ends in one clear message.
@Suite struct ExecCredentialFailureTests {
    func failure(_ plugin: ExecCredentialPlugin) async -> ExecPluginError? {
        do {
            _ = try await plugin.run()
            return nil
        } catch {
            return error as? ExecPluginError
        }
    }

    func script(_ body: String, _ test: (String) async throws -> Void) async throws {
        let directory = try TemporaryDirectory("exec-fail")
        defer { directory.remove() }
        try await test(try ExecScripts.custom("plugin.sh", in: directory, body))
    }

    @Test func missingCommandShowsTheInstallHint() async throws {
        let hint = "kubelogin is not installed. See https://azure.github.io/kubelogin/install.html"
        let error = await failure(ExecScripts.plugin("kubelogin-not-installed", installHint: hint))
        #expect(error == .commandNotFound(command: "kubelogin-not-installed", installHint: hint))
        #expect(error?.description == "exec plugin: executable kubelogin-not-installed not found\n\n\(hint)")
        let noHint = await failure(ExecScripts.plugin("/nonexistent/bin/login"))
        #expect(noHint?.description.contains("install it or fix user.exec.command") == true)
    }

    @Test func nonZeroExitReportsCodeAndStderr() async throws {
        try await script("echo 'AADSTS50173: the grant has expired' >&2\nexit 1") { path in
            let error = await failure(ExecScripts.plugin(path))
            #expect(error == .failed(command: path, exitCode: 1, stderr: "AADSTS50173: the grant has expired\n"))
            #expect(error?.description == "exec plugin: \(path) failed with exit code 1:\nAADSTS50173: the grant has expired")
        }
    }

    @Test func garbageOutputIsRejected() async throws {
        try await script("echo 'Please sign in at https://microsoft.com/devicelogin'") { path in
            let error = await failure(ExecScripts.plugin(path))
            #expect(error?.description.hasPrefix("exec plugin: \(path) printed an invalid ExecCredential: stdout is not ExecCredential JSON") == true,
                    "got: \(String(describing: error))")
        }
        try await script("true") { path in
            let error = await failure(ExecScripts.plugin(path))
            #expect(error == .invalidOutput(command: path, reason: "nothing on stdout"), "got: \(String(describing: error))")
        }
    }

    @Test func wrongAPIVersionIsRejected() async throws {
        try await script(#"echo '{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"t"}}'"#) { path in
            let error = await failure(ExecScripts.plugin(path, apiVersion: ExecScripts.v1))
            #expect(error == .wrongAPIVersion(command: path, expected: ExecScripts.v1, got: ExecScripts.v1beta1))
        }
    }

    @Test(arguments: [
        (#"{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential"}"#, "no status field"),
        (#"{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{}}"#,
         "status has neither a token nor clientCertificateData and clientKeyData"),
        (#"{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"clientCertificateData":"C"}}"#,
         "status has only one of clientCertificateData and clientKeyData; both are needed"),
        (#"{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"t","expirationTimestamp":"tomorrow"}}"#,
         "expirationTimestamp \"tomorrow\" is not an RFC 3339 time"),
        (#"{"apiVersion":"client.authentication.k8s.io/v1","kind":"Secret","status":{"token":"t"}}"#,
         "kind is \"Secret\", expected \"ExecCredential\""),
    ])
    func incompleteCredentialsAreRejected(output: String, reason: String) throws {
        #expect(throws: ExecPluginError.invalidOutput(command: "p", reason: reason)) {
            try ExecCredentialDecoder.decode(Data(output.utf8), command: "p", expectedAPIVersion: ExecScripts.v1)
        }
    }

    @Test func hangingPluginTimesOut() async throws {
        try await script("exec sleep 30") { path in
            let started = ContinuousClock.now
            let error = await failure(ExecScripts.plugin(path, timeout: .milliseconds(300)))
            #expect(error == .timedOut(command: path, seconds: 0.3))
            // The plugin sleeps 30 s: ending well before that shows it was killed, without
            // depending on how busy the machine is.
            #expect(ContinuousClock.now - started < .seconds(20))
        }
    }

    @Test func interactiveModeAlwaysNeedsATerminal() async throws {
        let error = await failure(ExecScripts.plugin("/bin/true", mode: .always, stdinIsTerminal: false))
        #expect(error == .interactiveNeedsTerminal(command: "/bin/true"))
        #expect(try ExecScripts.plugin("x", mode: .ifAvailable, stdinIsTerminal: true).isInteractive())
        #expect(try !ExecScripts.plugin("x", mode: .never, stdinIsTerminal: true).isInteractive())
    }

    @Test func failedRunsAreNotCached() async throws {
        let directory = try TemporaryDirectory("exec-retry")
        defer { directory.remove() }
        let path = try ExecScripts.custom("flaky.sh", in: directory, """
            if [ -f '\(directory.path)/ok' ]; then
              echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"now-ok"}}'
            else
              echo 'not logged in' >&2; exit 2
            fi
            """)
        let provider = ExecCredentialProvider(plugin: ExecScripts.plugin(path))
        await #expect(throws: ExecPluginError.self) { try await provider.credential() }
        try directory.write("ok", "")
        #expect(try await provider.credential().token == "now-ok")
    }
}
