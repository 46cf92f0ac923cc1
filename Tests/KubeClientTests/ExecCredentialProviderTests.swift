import Foundation
import KarpenterAPI
import Testing
@testable import KubeClient

/// Exec plugins run for real: shell scripts written by the test.
@Suite struct ExecCredentialProviderTests {
    @Test func tokenIsCachedUntilExpiryAndRerunAfterExpiryAndInvalidate() async throws {
        let directory = try TemporaryDirectory("exec-token")
        defer { directory.remove() }
        let clock = ManualClock()
        let expiry = RFC3339.format(clock.now + 60)
        let script = try ExecScripts.token(in: directory)
        let provider = ExecCredentialProvider(
            plugin: ExecScripts.plugin(script, env: [ExecEnvVar(name: "EXPIRY", value: expiry)]),
            now: { clock.now })

        let first = try await provider.credential()
        #expect(first.token == "token-1")
        #expect(first.expiration == RFC3339.parse(expiry))
        clock.advance(59)
        #expect(try await provider.credential().token == "token-1", "still valid: cached")
        #expect(directory.read("count") == "1\n")

        try directory.write("expiry", RFC3339.format(clock.now + 3600))
        clock.advance(2)
        let second = try await provider.credential()
        #expect(second.token == "token-2", "expired: plugin run again")
        #expect(try await provider.credential().token == "token-2", "the new credential is cached")

        await provider.invalidate(ifCurrent: first)
        #expect(try await provider.credential().token == "token-2", "a stale 401 does not re-run the plugin")
        await provider.invalidate(ifCurrent: second)
        #expect(try await provider.credential().token == "token-3", "a 401 on the current credential re-runs it once")
        await provider.invalidate()
        #expect(try await provider.credential().token == "token-4")
        #expect(await provider.runs == 4)
    }

    @Test func concurrentCallersShareOneRun() async throws {
        let directory = try TemporaryDirectory("exec-concurrent")
        defer { directory.remove() }
        let script = try ExecScripts.token(in: directory)
        let provider = ExecCredentialProvider(
            plugin: ExecScripts.plugin(script, env: [ExecEnvVar(name: "EXPIRY", value: "2999-01-01T00:00:00Z")]))
        let tokens = try await withThrowingTaskGroup(of: String?.self) { group in
            for _ in 0..<6 { group.addTask { try await provider.credential().token } }
            return try await group.reduce(into: Set<String?>()) { $0.insert($1) }
        }
        #expect(tokens == ["token-1"])
        #expect(directory.read("count") == "1\n")
    }

    @Test func pluginSeesArgsEnvironmentAndExecInfo() async throws {
        let directory = try TemporaryDirectory("exec-info")
        defer { directory.remove() }
        let script = try ExecScripts.token(in: directory, apiVersion: ExecScripts.v1beta1)
        let cluster = ExecClusterInfo(server: "https://aks.example:443", tlsServerName: "kubernetes",
                                      certificateAuthorityData: Data("CA".utf8).base64EncodedString(),
                                      config: .object(["audience": .string("aud-1")]))
        let plugin = ExecScripts.plugin(
            script, apiVersion: ExecScripts.v1beta1, args: ["get-token", "--login", "azurecli"],
            env: [ExecEnvVar(name: "EXPIRY", value: "2999-01-01T00:00:00Z"), ExecEnvVar(name: "SHARED", value: "from-config")],
            provideClusterInfo: true, cluster: cluster,
            parentEnvironment: ["PATH": "/usr/bin:/bin", "SHARED": "from-parent", "PARENT_ONLY": "kept"],
            mode: .ifAvailable)
        _ = try await plugin.run()

        #expect(directory.read("args-1") == "get-token --login azurecli\n")
        let env = directory.read("env-1") ?? ""
        #expect(env.contains("SHARED=from-config\n"))
        #expect(env.contains("PARENT_ONLY=kept\n"))
        let info = try JSONDecoder().decode(JSONValue.self, from: Data((directory.read("exec-info-1.json") ?? "").utf8))
        let object = try #require(info.objectValue)
        #expect(object["apiVersion"] == .string(ExecScripts.v1beta1))
        #expect(object["kind"] == .string("ExecCredential"))
        let spec = try #require(object["spec"]?.objectValue)
        #expect(spec["interactive"] == .bool(false), "IfAvailable without a terminal is not interactive")
        let sentCluster = try #require(spec["cluster"]?.objectValue)
        #expect(sentCluster["server"] == .string("https://aks.example:443"))
        #expect(sentCluster["tls-server-name"] == .string("kubernetes"))
        #expect(sentCluster["certificate-authority-data"] == .string("Q0E="))
        #expect(sentCluster["config"]?.objectValue?["audience"] == .string("aud-1"))

        var withoutCluster = plugin
        withoutCluster.config.provideClusterInfo = false
        #expect(try withoutCluster.execInfo(interactive: false)
                == #"{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","spec":{"interactive":false}}"#)
    }

    @Test func clientCertificateCredentialWithoutExpiryIsCachedUntilInvalidated() async throws {
        let directory = try TemporaryDirectory("exec-cert")
        defer { directory.remove() }
        let script = try ExecScripts.clientCertificate(in: directory)
        let provider = ExecCredentialProvider(plugin: ExecScripts.plugin(script, apiVersion: ExecScripts.v1beta1))
        let credential = try await provider.credential()
        #expect(credential.token == nil)
        #expect(credential.expiration == nil)
        #expect(String(decoding: credential.clientCertificateData ?? Data(), as: UTF8.self)
                == "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n")
        #expect(String(decoding: credential.clientKeyData ?? Data(), as: UTF8.self).hasPrefix("-----BEGIN EC PRIVATE KEY-----\n"))
        _ = try await provider.credential()
        #expect(directory.read("count") == "1\n")
        await provider.invalidate()
        _ = try await provider.credential()
        #expect(directory.read("count") == "2\n")
    }

    @Test func largeOutputIsReadCompletely() async throws {
        let directory = try TemporaryDirectory("exec-large")
        defer { directory.remove() }
        let script = try ExecScripts.custom("big.sh", in: directory, """
            printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"'
            head -c 300000 /dev/zero | tr '\\0' 'a'
            printf '"}}'
            head -c 200000 /dev/zero | tr '\\0' 'e' >&2
            """)
        let credential = try await ExecScripts.plugin(script).run()
        #expect(credential.token?.count == 300_000)
    }

    @Test func providerIsBuiltFromAResolvedConfig() throws {
        var config = RESTConfig(server: try #require(URL(string: "https://k:6443")))
        #expect(ExecCredentialProvider(config: config) == nil, "no exec block, no provider")
        config.credentials.exec = ExecConfig(apiVersion: ExecScripts.v1, command: "kubelogin", provideClusterInfo: true,
                                             interactiveMode: .never)
        config.tls.serverName = "kubernetes"
        let provider = try #require(ExecCredentialProvider(config: config))
        #expect(provider.plugin.cluster == ExecClusterInfo(server: "https://k:6443", tlsServerName: "kubernetes"))
    }

    @Test func pluginResolvedThroughPATH() async throws {
        let directory = try TemporaryDirectory("exec-path")
        defer { directory.remove() }
        _ = try ExecScripts.custom("my-login", in: directory, """
            echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"from-path"}}'
            """)
        let plugin = ExecScripts.plugin("my-login", parentEnvironment: ["PATH": "/nonexistent:\(directory.path):/usr/bin:/bin"])
        #expect(try await plugin.run().token == "from-path")
    }
}
