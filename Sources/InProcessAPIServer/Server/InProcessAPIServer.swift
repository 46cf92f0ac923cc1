import Foundation
import KarpenterAPI
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// A Kubernetes API server in the process, over real HTTP(S) on loopback: the stand-in for
/// kube-apiserver in tests and the cluster of the embedded mode. `store` gives direct access
/// to the same state without HTTP.
///
/// ```swift
/// let certificates = try ServerCertificates.generate()
/// let server = try await InProcessAPIServer.start(.init(tls: .init(certificates)))
/// defer { Task { try await server.shutdown() } }
/// ```
public final class InProcessAPIServer: Sendable {
    public let configuration: Configuration
    public let store: ObjectStore
    public let baseURL: URL
    private let listener: any Channel
    private let registry: ConnectionRegistry
    private let authenticator: Authenticator
    private let hooks: TestHookState
    private let shuttingDown = NIOLockedValueBox(false)

    private init(configuration: Configuration, store: ObjectStore, baseURL: URL, listener: any Channel,
                 registry: ConnectionRegistry, authenticator: Authenticator, hooks: TestHookState) {
        self.configuration = configuration
        self.store = store
        self.baseURL = baseURL
        self.listener = listener
        self.registry = registry
        self.authenticator = authenticator
        self.hooks = hooks
    }

    /// Binds and serves. With `store`, serves that (possibly pre-filled) store instead of a new
    /// one; its clock and history limit then apply, not the configuration's.
    public static func start(_ configuration: Configuration = .init(), store: ObjectStore? = nil) async throws -> InProcessAPIServer {
        let store = store ?? ObjectStore(clock: configuration.clock, watchHistoryLimit: configuration.watchHistoryLimit)
        let registry = ConnectionRegistry()
        let authenticator = Authenticator(configuration.authentication)
        let hooks = TestHookState()
        let serverAddress = NIOLockedValueBox("")
        let shared = APIConnectionHandler.Shared(
            rest: RESTHandler(store: store, authenticator: authenticator, hooks: hooks, serverAddress: serverAddress),
            store: store, registry: registry, maxBodyBytes: configuration.maxRequestBodyBytes,
            readTimeout: TimeAmount(configuration.requestReadTimeout),
            bookmarkInterval: TimeAmount(configuration.bookmarkInterval))
        let sslContext = try configuration.tls.map(makeSSLContext)

        let listener = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let sslContext {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: sslContext))
                    }
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(APIConnectionHandler(shared))
                }
            }
            .bind(host: configuration.host, port: configuration.port)
            .get()

        let port = listener.localAddress?.port ?? configuration.port
        let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
        serverAddress.withLockedValue { $0 = "\(host):\(port)" }
        guard let baseURL = URL(string: "\(configuration.tls == nil ? "http" : "https")://\(host):\(port)") else {
            try? await listener.close()
            throw ServerStartError(message: "cannot form a URL for host \(configuration.host)")
        }
        return InProcessAPIServer(configuration: configuration, store: store, baseURL: baseURL, listener: listener,
                                  registry: registry, authenticator: authenticator, hooks: hooks)
    }

    private static func makeSSLContext(_ tls: TLS) throws -> NIOSSLContext {
        let chain = try NIOSSLCertificate.fromPEMBytes(Array(tls.certificateChainPEM.utf8))
        let key = try NIOSSLPrivateKey(bytes: Array(tls.privateKeyPEM.utf8), format: .pem)
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        configuration.minimumTLSVersion = .tlsv12
        configuration.applicationProtocols = ["http/1.1"]
        if let clientCA = tls.clientCAPEM {
            configuration.certificateVerification = .optionalVerification
            configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(clientCA.utf8)))
        }
        return try NIOSSLContext(configuration: configuration)
    }

    /// Stops listening, ends every watch stream cleanly and closes the connections (those
    /// still busy after two seconds are cut). Safe to call more than once.
    public func shutdown() async throws {
        let first = shuttingDown.withLockedValue { flag in
            defer { flag = true }
            return !flag
        }
        guard first else { return }
        try? await listener.close()
        store.endHTTPWatches(.finished)
        let closing = registry.closeAllWhenDone()
        let loop = listener.eventLoop
        let registry = registry
        let forced = loop.scheduleTask(in: .seconds(2)) { registry.closeAll() }
        try? await EventLoopFuture.andAllComplete(closing, on: loop).get()
        forced.cancel()
    }

    // MARK: Test hooks

    /// Adds (or with a nil user revokes) a bearer token.
    public func setBearerToken(_ token: String, user: String?) {
        authenticator.setToken(token, user: user)
    }

    /// Cuts every open HTTP watch stream without a proper end, as a network drop would.
    public func dropWatchConnections() {
        store.endHTTPWatches(.dropped)
    }

    /// Forgets the watch history: resuming from any older resourceVersion gets 410 Gone.
    public func compactHistory() {
        store.compactHistory()
    }

    public func injectFailures(_ failure: InjectedFailure) {
        hooks.inject(failure)
    }

    /// Every request answered so far, oldest first.
    public var requests: [RecordedRequest] { hooks.requests }

    /// A kubeconfig for this server, authenticating with a token or a client certificate.
    public func kubeconfig(token: String? = nil, clientCertificate: (certificatePEM: String, keyPEM: String)? = nil,
                           caPEM: String? = nil, namespace: String = "default") -> String {
        func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }
        var cluster = "    server: \(baseURL.absoluteString)\n"
        if let caPEM { cluster += "    certificate-authority-data: \(base64(caPEM))\n" }
        var user = ""
        if let token { user += "    token: \(token)\n" }
        if let clientCertificate {
            user += "    client-certificate-data: \(base64(clientCertificate.certificatePEM))\n"
            user += "    client-key-data: \(base64(clientCertificate.keyPEM))\n"
        }
        if user.isEmpty { user = "    {}\n" }
        return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: in-process
          cluster:
        \(cluster)contexts:
        - name: in-process
          context:
            cluster: in-process
            user: in-process
            namespace: \(namespace)
        current-context: in-process
        users:
        - name: in-process
          user:
        \(user)
        """
    }
}

struct ServerStartError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
