/// kubectl's connection flags (cli-runtime `ConfigFlags`). Anything set here beats the
/// kubeconfig; `nil` means "flag not given".
public struct ConnectionOverrides: Sendable, Equatable {
    /// `--kubeconfig`: read only this file, no merging.
    public var kubeconfig: String?
    public var context: String?
    public var cluster: String?
    public var user: String?
    /// `-n/--namespace`: beats the context's namespace, which beats `default`.
    public var namespace: String?
    /// `-s/--server`
    public var server: String?
    public var tlsServerName: String?
    public var insecureSkipTLSVerify: Bool?
    public var certificateAuthority: String?
    public var clientCertificate: String?
    public var clientKey: String?
    /// `--token`: replaces every other way the user would authenticate.
    public var token: String?
    public var impersonate: String?
    public var impersonateUID: String?
    public var impersonateGroups: [String]

    public init(
        kubeconfig: String? = nil, context: String? = nil, cluster: String? = nil, user: String? = nil,
        namespace: String? = nil, server: String? = nil, tlsServerName: String? = nil,
        insecureSkipTLSVerify: Bool? = nil, certificateAuthority: String? = nil,
        clientCertificate: String? = nil, clientKey: String? = nil, token: String? = nil,
        impersonate: String? = nil, impersonateUID: String? = nil, impersonateGroups: [String] = []
    ) {
        self.kubeconfig = kubeconfig
        self.context = context
        self.cluster = cluster
        self.user = user
        self.namespace = namespace
        self.server = server
        self.tlsServerName = tlsServerName
        self.insecureSkipTLSVerify = insecureSkipTLSVerify
        self.certificateAuthority = certificateAuthority
        self.clientCertificate = clientCertificate
        self.clientKey = clientKey
        self.token = token
        self.impersonate = impersonate
        self.impersonateUID = impersonateUID
        self.impersonateGroups = impersonateGroups
    }

    /// True when a flag names the server, so a kubeconfig is not needed at all.
    var namesServer: Bool { !(server ?? "").isEmpty }
}
