import Foundation
import InProcessAPIServer
import KarpenterAPI
@testable import KubeClient

/// An in-process API server over HTTPS with a client CA and bearer tokens, no anonymous
/// access, and the client configurations that reach it.
struct LiveServer {
    let server: InProcessAPIServer
    let certificates: ServerCertificates
    static let adminToken = "admin-token"

    static func start(hosts: [String] = ["127.0.0.1", "localhost"], bookmarkInterval: Duration = .milliseconds(200),
                      watchHistoryLimit: Int = 1000) async throws -> LiveServer {
        let certificates = try ServerCertificates.generate(hosts: hosts)
        let configuration = InProcessAPIServer.Configuration(
            tls: .init(certificates),
            authentication: .init(bearerTokens: [adminToken: "admin"], allowAnonymous: false),
            watchHistoryLimit: watchHistoryLimit, bookmarkInterval: bookmarkInterval)
        return LiveServer(server: try await InProcessAPIServer.start(configuration), certificates: certificates)
    }

    /// Runs `body` against a fresh server and always shuts it down.
    static func with<T: Sendable>(hosts: [String] = ["127.0.0.1", "localhost"],
                                  _ body: (LiveServer) async throws -> T) async throws -> T {
        let live = try await start(hosts: hosts)
        do {
            let result = try await body(live)
            try await live.server.shutdown()
            return result
        } catch {
            try? await live.server.shutdown()
            throw error
        }
    }

    var port: Int { server.baseURL.port ?? 0 }

    func config(token: String? = adminToken, credentials: RESTConfig.Credentials? = nil,
                tls: RESTConfig.TLSSettings? = nil, host: String = "127.0.0.1") -> RESTConfig {
        RESTConfig(server: URL(string: "https://\(host):\(port)")!,
                   tls: tls ?? RESTConfig.TLSSettings(certificateAuthorityData: Data(certificates.caPEM.utf8)),
                   credentials: credentials ?? RESTConfig.Credentials(bearerToken: token))
    }

    func withClient<T: Sendable>(_ config: RESTConfig? = nil, options: ClientOptions = ClientOptions(),
                                 _ body: (KubernetesClient) async throws -> T) async throws -> T {
        try await KubernetesClient.withClient(config: config ?? self.config(), options: options, body)
    }
}

func configMap(_ name: String, namespace: String = "default", labels: [String: String] = [:],
               data: [String: String] = [:], finalizers: [String] = []) -> JSONValue {
    var object = JSONValue.object([:])
    object["apiVersion"] = .string("v1")
    object["kind"] = .string("ConfigMap")
    var metadata = JSONValue.object([:])
    metadata["name"] = .string(name)
    metadata["namespace"] = .string(namespace)
    if !labels.isEmpty { metadata["labels"] = strings(labels) }
    if !finalizers.isEmpty { metadata["finalizers"] = .array(finalizers.map { .string($0) }) }
    object["metadata"] = metadata
    object["data"] = strings(data)
    return object
}

func strings(_ pairs: [String: String]) -> JSONValue {
    var object = JSONValue.object([:])
    for (key, value) in pairs.sorted(by: { $0.key < $1.key }) { object[key] = .string(value) }
    return object
}

func json(_ text: String) -> JSONValue {
    (try? JSONBodyParser.parse(Array(text.utf8))) ?? .null
}

func name(of object: JSONValue) -> String { object["metadata"]?["name"]?.stringValue ?? "" }

func resourceVersion(of object: JSONValue) -> String { object["metadata"]?["resourceVersion"]?.stringValue ?? "" }

/// Polls `condition` until it holds or `timeout` passes (generous: the machine may be loaded).
func eventually(timeout: Duration = .seconds(30), _ condition: () async throws -> Bool) async throws -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try await Task.sleep(for: .milliseconds(50))
    }
    return try await condition()
}
