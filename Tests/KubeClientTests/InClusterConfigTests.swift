import Foundation
import Testing
@testable import KubeClient

@Suite struct InClusterConfigTests {
    let environment = ["KUBERNETES_SERVICE_HOST": "10.0.0.1", "KUBERNETES_SERVICE_PORT": "443"]

    func serviceAccount(namespace: String? = "karpenter") throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory("sa")
        try directory.write("token", "sa-token-1\n")
        try directory.write("ca.crt", "-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n")
        if let namespace { try directory.write("namespace", namespace) }
        return directory
    }

    @Test func readsTheServiceAccountFiles() throws {
        let directory = try serviceAccount()
        defer { directory.remove() }
        let config = try InClusterConfig(environment: environment, serviceAccountDirectory: directory.path).load()
        #expect(config.server.absoluteString == "https://10.0.0.1:443")
        #expect(config.credentials.bearerToken == "sa-token-1")
        #expect(config.credentials.bearerTokenFile == directory.path + "/token")
        #expect(String(decoding: config.tls.certificateAuthorityData ?? Data(), as: UTF8.self).contains("BEGIN CERTIFICATE"))
        #expect(config.namespace == "karpenter")
        #expect(config.source == .inCluster(serviceAccountDirectory: directory.path))
    }

    @Test func namespacePrecedenceIsFlagThenPodNamespaceThenFileThenDefault() throws {
        let directory = try serviceAccount()
        defer { directory.remove() }
        var env = environment
        env["POD_NAMESPACE"] = "from-env"
        let inCluster = InClusterConfig(environment: env, serviceAccountDirectory: directory.path)
        #expect(try inCluster.load(namespaceOverride: "from-flag").namespace == "from-flag")
        #expect(try inCluster.load().namespace == "from-env")
        let bare = try serviceAccount(namespace: nil)
        defer { bare.remove() }
        #expect(try InClusterConfig(environment: environment, serviceAccountDirectory: bare.path).load().namespace == "default")
    }

    @Test func ipv6HostsAreBracketed() throws {
        let directory = try serviceAccount()
        defer { directory.remove() }
        let config = try InClusterConfig(environment: ["KUBERNETES_SERVICE_HOST": "fd00::1", "KUBERNETES_SERVICE_PORT": "6443"],
                                         serviceAccountDirectory: directory.path).load()
        #expect(config.server.absoluteString == "https://[fd00::1]:6443")
    }

    @Test func clearErrorsOutsideAClusterOrWithoutTheFiles() throws {
        #expect(errorText { try InClusterConfig(environment: [:]).load() }
                == "not running inside a cluster: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT not set")
        let directory = try TemporaryDirectory("sa-empty")
        defer { directory.remove() }
        #expect(errorText { try InClusterConfig(environment: environment, serviceAccountDirectory: directory.path).load() }
                .hasPrefix("in-cluster configuration: cannot read \(directory.path)/token"))
    }

    @Test func clientConfigLoaderFallsBackToInClusterWhenNoKubeconfigExists() throws {
        let directory = try serviceAccount()
        defer { directory.remove() }
        var env = environment
        env["HOME"] = "/nonexistent-home"
        let loader = ClientConfigLoader(environment: env, serviceAccountDirectory: directory.path)
        let config = try loader.load(ConnectionOverrides(namespace: "ns-flag"))
        #expect(config.server.absoluteString == "https://10.0.0.1:443")
        #expect(config.namespace == "ns-flag")
        #expect(errorText { try ClientConfigLoader(environment: ["HOME": "/nonexistent-home"]).load() }
                .hasPrefix("no kubeconfig found (looked in /nonexistent-home/.kube/config) and not running inside a cluster"))
    }
}

@Suite struct RotatingTokenFileTests {
    @Test func rereadsWhenTheFileChanges() async throws {
        let directory = try TemporaryDirectory("token")
        defer { directory.remove() }
        let path = try directory.write("token", "first\n")
        let file = RotatingTokenFile(path: path)
        #expect(try await file.token() == "first")
        try directory.write("token", "second-token")
        #expect(try await file.token() == "second-token")
    }

    @Test func followsAKubeletStyleSymlinkSwap() async throws {
        let directory = try TemporaryDirectory("projected")
        defer { directory.remove() }
        let manager = FileManager.default
        try directory.write("..2025_01/token", "old")
        try directory.write("..2025_02/token", "new")
        try manager.createSymbolicLink(atPath: directory.path + "/..data", withDestinationPath: "..2025_01")
        try manager.createSymbolicLink(atPath: directory.path + "/token", withDestinationPath: "..data/token")
        let file = RotatingTokenFile(path: directory.path + "/token")
        #expect(try await file.token() == "old")
        // The kubelet writes a new timestamped directory and renames a new ..data link over the old one.
        try manager.createSymbolicLink(atPath: directory.path + "/..data_tmp", withDestinationPath: "..2025_02")
        #expect(rename(directory.path + "/..data_tmp", directory.path + "/..data") == 0)
        #expect(try await file.token() == "new")
    }

    @Test func rereadsAfterMaximumAgeEvenIfTheStampDidNotChange() async throws {
        let files = InMemoryFileSource(["/sa/token": "aaaa"])
        let start = ContinuousClock.now
        let offset = OffsetBox()
        let file = RotatingTokenFile(path: "/sa/token", files: files, maximumAge: .seconds(60),
                                     now: { start + offset.value })
        #expect(try await file.token() == "aaaa")
        files.replaceKeepingStamp("/sa/token", "bbbb")
        #expect(try await file.token() == "aaaa", "same stamp, still fresh: served from cache")
        offset.value = .seconds(61)
        #expect(try await file.token() == "bbbb")
        files.replaceKeepingStamp("/sa/token", "cccc")
        await file.invalidate()
        #expect(try await file.token() == "cccc")
    }

    @Test func keepsTheLastGoodTokenWhenTheFileDisappears() async throws {
        let directory = try TemporaryDirectory("token-gone")
        defer { directory.remove() }
        let path = try directory.write("token", "kept")
        let file = RotatingTokenFile(path: path)
        #expect(try await file.token() == "kept")
        try FileManager.default.removeItem(atPath: path)
        #expect(try await file.token() == "kept")
        let never = RotatingTokenFile(path: directory.path + "/never")
        #expect(await (try? never.token()) == nil)
    }
}

final class OffsetBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Duration = .zero
    var value: Duration {
        get { lock.lock(); defer { lock.unlock() }; return stored }
        set { lock.lock(); stored = newValue; lock.unlock() }
    }
}
