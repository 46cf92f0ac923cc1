import Foundation
import KarpenterAPI

/// Everything needed to talk to one API server, fully resolved: files already read, base64
/// decoded, overrides applied. The HTTP layer builds its TLS configuration and auth from this.
public struct RESTConfig: Sendable, Equatable {
    /// `https://host:port` (may carry a path prefix, e.g. a proxy's `/k8s/clusters/x`).
    public var server: URL
    public var tls: TLSSettings
    public var credentials: Credentials
    public var proxyURL: URL?
    public var disableCompression: Bool
    public var namespace: String
    public var source: Source

    public init(server: URL, tls: TLSSettings = TLSSettings(), credentials: Credentials = Credentials(),
                proxyURL: URL? = nil, disableCompression: Bool = false, namespace: String = "default",
                source: Source = .kubeconfig(context: nil, cluster: nil, user: nil, files: [])) {
        self.server = server
        self.tls = tls
        self.credentials = credentials
        self.proxyURL = proxyURL
        self.disableCompression = disableCompression
        self.namespace = namespace
        self.source = source
    }

    public struct TLSSettings: Sendable, Equatable {
        /// PEM bytes of the CA bundle; nil = the system trust store.
        public var certificateAuthorityData: Data?
        /// PEM client certificate and key for mutual TLS (AKS local accounts).
        public var clientCertificateData: Data?
        public var clientKeyData: Data?
        /// SNI and the name the server certificate is checked against, when not the host.
        public var serverName: String?
        public var insecureSkipTLSVerify: Bool

        public init(certificateAuthorityData: Data? = nil, clientCertificateData: Data? = nil,
                    clientKeyData: Data? = nil, serverName: String? = nil, insecureSkipTLSVerify: Bool = false) {
            self.certificateAuthorityData = certificateAuthorityData
            self.clientCertificateData = clientCertificateData
            self.clientKeyData = clientKeyData
            self.serverName = serverName
            self.insecureSkipTLSVerify = insecureSkipTLSVerify
        }
    }

    public struct Credentials: Sendable, Equatable {
        /// A static bearer token (or the token file's content at load time).
        public var bearerToken: String?
        /// A token file to re-read as it rotates (`tokenFile`, the service-account token).
        public var bearerTokenFile: String?
        public var username: String?
        public var password: String?
        public var exec: ExecConfig?
        /// `clusters[].cluster.extensions["client.authentication.k8s.io/exec"]`, for `spec.cluster.config`.
        public var execClusterConfig: JSONValue?
        public var impersonate: Impersonation?

        public init(bearerToken: String? = nil, bearerTokenFile: String? = nil, username: String? = nil,
                    password: String? = nil, exec: ExecConfig? = nil, execClusterConfig: JSONValue? = nil,
                    impersonate: Impersonation? = nil) {
            self.bearerToken = bearerToken
            self.bearerTokenFile = bearerTokenFile
            self.username = username
            self.password = password
            self.exec = exec
            self.execClusterConfig = execClusterConfig
            self.impersonate = impersonate
        }
    }

    public struct Impersonation: Sendable, Equatable {
        public var user: String?
        public var uid: String?
        public var groups: [String]
        public var extra: [String: [String]]

        public init(user: String? = nil, uid: String? = nil, groups: [String] = [], extra: [String: [String]] = [:]) {
            self.user = user
            self.uid = uid
            self.groups = groups
            self.extra = extra
        }
    }

    /// Where the configuration came from, for `--v`-style diagnostics.
    public enum Source: Sendable, Equatable {
        case kubeconfig(context: String?, cluster: String?, user: String?, files: [String])
        case inCluster(serviceAccountDirectory: String)
    }
}
