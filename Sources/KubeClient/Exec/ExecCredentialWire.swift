import Foundation
import KarpenterAPI

/// The `client.authentication.k8s.io` versions an exec plugin may speak.
public enum ExecCredentialAPIVersion: String, Sendable, Codable {
    case v1 = "client.authentication.k8s.io/v1"
    case v1beta1 = "client.authentication.k8s.io/v1beta1"
}

/// `spec.cluster` of `KUBERNETES_EXEC_INFO`, sent when `provideClusterInfo: true`.
public struct ExecClusterInfo: Codable, Sendable, Equatable {
    public var server: String
    public var tlsServerName: String?
    public var insecureSkipTLSVerify: Bool?
    /// Base64 of the CA PEM, as in a kubeconfig.
    public var certificateAuthorityData: String?
    public var proxyURL: String?
    public var disableCompression: Bool?
    /// The cluster's `client.authentication.k8s.io/exec` extension.
    public var config: JSONValue?

    public init(server: String, tlsServerName: String? = nil, insecureSkipTLSVerify: Bool? = nil,
                certificateAuthorityData: String? = nil, proxyURL: String? = nil,
                disableCompression: Bool? = nil, config: JSONValue? = nil) {
        self.server = server
        self.tlsServerName = tlsServerName
        self.insecureSkipTLSVerify = insecureSkipTLSVerify
        self.certificateAuthorityData = certificateAuthorityData
        self.proxyURL = proxyURL
        self.disableCompression = disableCompression
        self.config = config
    }

    /// What client-go sends for a resolved configuration (false and empty fields omitted).
    public init(_ config: RESTConfig) {
        self.init(
            server: config.server.absoluteString,
            tlsServerName: config.tls.serverName,
            insecureSkipTLSVerify: config.tls.insecureSkipTLSVerify ? true : nil,
            certificateAuthorityData: config.tls.certificateAuthorityData?.base64EncodedString(),
            proxyURL: config.proxyURL?.absoluteString,
            disableCompression: config.disableCompression ? true : nil,
            config: config.credentials.execClusterConfig)
    }

    enum CodingKeys: String, CodingKey {
        case server, config
        case tlsServerName = "tls-server-name"
        case insecureSkipTLSVerify = "insecure-skip-tls-verify"
        case certificateAuthorityData = "certificate-authority-data"
        case proxyURL = "proxy-url"
        case disableCompression = "disable-compression"
    }
}

/// The `ExecCredential` written into `KUBERNETES_EXEC_INFO`.
struct ExecCredentialRequest: Encodable {
    var apiVersion: String
    var kind = "ExecCredential"
    var spec: Spec

    struct Spec: Encodable {
        var interactive: Bool
        var cluster: ExecClusterInfo?
    }
}

/// The `ExecCredential` a plugin prints on stdout.
struct ExecCredentialResponse: Decodable {
    var apiVersion: String?
    var kind: String?
    var status: Status?

    struct Status: Decodable {
        var token: String?
        var clientCertificateData: String?
        var clientKeyData: String?
        var expirationTimestamp: String?
    }
}
