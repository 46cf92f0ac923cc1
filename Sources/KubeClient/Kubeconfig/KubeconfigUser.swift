/// A `user:` entry (client-go's AuthInfo): how to authenticate.
public struct KubeconfigUser: Codable, Sendable, Equatable {
    public var clientCertificate: String?
    public var clientCertificateData: String?
    public var clientKey: String?
    public var clientKeyData: String?
    public var token: String?
    public var tokenFile: String?
    public var username: String?
    public var password: String?
    public var impersonate: String?
    public var impersonateUID: String?
    public var impersonateGroups: [String]?
    public var impersonateUserExtra: [String: [String]]?
    public var authProvider: AuthProviderConfig?
    public var exec: ExecConfig?
    public var extensions: [NamedExtension]?

    public init(
        clientCertificate: String? = nil, clientCertificateData: String? = nil,
        clientKey: String? = nil, clientKeyData: String? = nil,
        token: String? = nil, tokenFile: String? = nil,
        username: String? = nil, password: String? = nil,
        impersonate: String? = nil, impersonateUID: String? = nil, impersonateGroups: [String]? = nil,
        impersonateUserExtra: [String: [String]]? = nil,
        authProvider: AuthProviderConfig? = nil, exec: ExecConfig? = nil,
        extensions: [NamedExtension]? = nil
    ) {
        self.clientCertificate = clientCertificate
        self.clientCertificateData = clientCertificateData
        self.clientKey = clientKey
        self.clientKeyData = clientKeyData
        self.token = token
        self.tokenFile = tokenFile
        self.username = username
        self.password = password
        self.impersonate = impersonate
        self.impersonateUID = impersonateUID
        self.impersonateGroups = impersonateGroups
        self.impersonateUserExtra = impersonateUserExtra
        self.authProvider = authProvider
        self.exec = exec
        self.extensions = extensions
    }

    enum CodingKeys: String, CodingKey {
        case token, tokenFile, username, password, exec, extensions
        case clientCertificate = "client-certificate"
        case clientCertificateData = "client-certificate-data"
        case clientKey = "client-key"
        case clientKeyData = "client-key-data"
        case impersonate = "as"
        case impersonateUID = "as-uid"
        case impersonateGroups = "as-groups"
        case impersonateUserExtra = "as-user-extra"
        case authProvider = "auth-provider"
    }
}

/// The legacy `auth-provider:` block (kubectl removed the `azure` and `gcp` providers in 1.26).
public struct AuthProviderConfig: Codable, Sendable, Equatable {
    public var name: String
    public var config: [String: String]?

    public init(name: String, config: [String: String]? = nil) {
        self.name = name
        self.config = config
    }
}
