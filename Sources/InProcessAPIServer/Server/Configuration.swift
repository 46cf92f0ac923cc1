import Foundation

extension InProcessAPIServer {
    public struct Configuration: Sendable {
        public var host: String
        /// 0 picks a free port (see `baseURL`).
        public var port: Int
        /// nil serves plain HTTP.
        public var tls: TLS?
        public var authentication: Authentication
        /// Changes kept for watch resumption and continue tokens; older resourceVersions get 410.
        public var watchHistoryLimit: Int
        /// How often a watch with `allowWatchBookmarks=true` gets a BOOKMARK.
        public var bookmarkInterval: Duration
        /// The clock of `creationTimestamp`, `deletionTimestamp` and condition times.
        public var clock: @Sendable () -> Date
        /// Request bodies above this size get 413 (kube-apiserver's limit is 3 MiB).
        public var maxRequestBodyBytes: Int
        /// Time to receive a whole request once its head arrived; then 408.
        public var requestReadTimeout: Duration

        public init(host: String = "127.0.0.1", port: Int = 0, tls: TLS? = nil,
                    authentication: Authentication = .init(), watchHistoryLimit: Int = 1000,
                    bookmarkInterval: Duration = .seconds(1), clock: @escaping @Sendable () -> Date = { Date() },
                    maxRequestBodyBytes: Int = 3 * 1024 * 1024, requestReadTimeout: Duration = .seconds(60)) {
            self.host = host
            self.port = port
            self.tls = tls
            self.authentication = authentication
            self.watchHistoryLimit = watchHistoryLimit
            self.bookmarkInterval = bookmarkInterval
            self.clock = clock
            self.maxRequestBodyBytes = maxRequestBodyBytes
            self.requestReadTimeout = requestReadTimeout
        }
    }

    public struct TLS: Sendable {
        public var certificateChainPEM: String
        public var privateKeyPEM: String
        /// When set, client certificates signed by this CA authenticate their CN (optional for
        /// clients, like kube-apiserver's `--client-ca-file`).
        public var clientCAPEM: String?

        public init(certificateChainPEM: String, privateKeyPEM: String, clientCAPEM: String? = nil) {
            self.certificateChainPEM = certificateChainPEM
            self.privateKeyPEM = privateKeyPEM
            self.clientCAPEM = clientCAPEM
        }

        /// Serves `certificates`' server certificate and trusts client certificates from its CA.
        public init(_ certificates: ServerCertificates, verifyClients: Bool = true) {
            self.init(certificateChainPEM: certificates.serverCertificatePEM, privateKeyPEM: certificates.serverKeyPEM,
                      clientCAPEM: verifyClients ? certificates.caPEM : nil)
        }
    }

    public struct Authentication: Sendable {
        /// Bearer token -> user name.
        public var bearerTokens: [String: String]
        /// false: requests without a valid credential get 401.
        public var allowAnonymous: Bool

        public init(bearerTokens: [String: String] = [:], allowAnonymous: Bool = true) {
            self.bearerTokens = bearerTokens
            self.allowAnonymous = allowAnonymous
        }
    }
}
