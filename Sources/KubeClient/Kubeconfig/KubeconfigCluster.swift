import KarpenterAPI

/// A `cluster:` entry: where the API server is and how to trust it.
public struct KubeconfigCluster: Codable, Sendable, Equatable {
    public var server: String?
    public var tlsServerName: String?
    public var insecureSkipTLSVerify: Bool?
    /// A CA file path; relative paths are resolved against the kubeconfig's directory on load.
    public var certificateAuthority: String?
    /// Base64 of PEM; wins over `certificateAuthority`.
    public var certificateAuthorityData: String?
    public var proxyURL: String?
    public var disableCompression: Bool?
    public var extensions: [NamedExtension]?

    public init(
        server: String? = nil, tlsServerName: String? = nil, insecureSkipTLSVerify: Bool? = nil,
        certificateAuthority: String? = nil, certificateAuthorityData: String? = nil,
        proxyURL: String? = nil, disableCompression: Bool? = nil, extensions: [NamedExtension]? = nil
    ) {
        self.server = server
        self.tlsServerName = tlsServerName
        self.insecureSkipTLSVerify = insecureSkipTLSVerify
        self.certificateAuthority = certificateAuthority
        self.certificateAuthorityData = certificateAuthorityData
        self.proxyURL = proxyURL
        self.disableCompression = disableCompression
        self.extensions = extensions
    }

    enum CodingKeys: String, CodingKey {
        case server, extensions
        case tlsServerName = "tls-server-name"
        case insecureSkipTLSVerify = "insecure-skip-tls-verify"
        case certificateAuthority = "certificate-authority"
        case certificateAuthorityData = "certificate-authority-data"
        case proxyURL = "proxy-url"
        case disableCompression = "disable-compression"
    }

    /// The extension client-go hands to exec plugins as `spec.cluster.config`.
    public var execExtension: JSONValue? {
        extensions?.first { $0.name == "client.authentication.k8s.io/exec" }?.extension
    }
}
