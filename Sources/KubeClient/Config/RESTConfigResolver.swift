import Foundation

/// Turns merged kubeconfig files plus kubectl flags into one `RESTConfig`, with clientcmd's
/// precedence: `--context` over `current-context`; `--cluster`/`--user` over the context's;
/// other flags over the entries; namespace `-n` > context namespace > `default`.
public struct RESTConfigResolver: Sendable {
    public var merged: MergedKubeconfig
    public var overrides: ConnectionOverrides
    public var files: any FileSource
    public var workingDirectory: String

    public init(merged: MergedKubeconfig, overrides: ConnectionOverrides = ConnectionOverrides(),
                files: any FileSource = LocalFileSource(),
                workingDirectory: String = FileManager.default.currentDirectoryPath) {
        self.merged = merged
        self.overrides = overrides
        self.files = files
        self.workingDirectory = workingDirectory
    }

    public func resolve() throws -> RESTConfig {
        let selection = try select()
        let tls = try resolveTLS(selection)
        let server = try resolveServer(selection, tls: tls)
        return RESTConfig(
            server: server,
            tls: tls,
            credentials: try resolveCredentials(selection),
            proxyURL: try resolveProxy(selection),
            disableCompression: selection.cluster.disableCompression ?? false,
            namespace: [overrides.namespace, selection.context.namespace]
                .compactMap { $0 }.first { !$0.isEmpty } ?? "default",
            source: .kubeconfig(context: selection.contextName, cluster: selection.clusterName,
                                user: selection.userName, files: merged.files)
        )
    }

    /// The chosen context, cluster and user entries, flags already applied to the cluster.
    struct Selection {
        var contextName: String?
        var context = KubeconfigContext()
        var clusterName: String?
        var cluster = KubeconfigCluster()
        var clusterFile: String
        var userName: String?
        var user = KubeconfigUser()
        var userFile: String
    }

    func select() throws -> Selection {
        let config = merged.config
        let filesText = merged.filesDescription
        var selection = Selection(clusterFile: filesText, userFile: filesText)

        let contextName = [overrides.context, config.currentContext].compactMap { $0 }.first { !$0.isEmpty }
        if let contextName {
            guard let context = config.context(named: contextName) else {
                throw KubeconfigError.contextNotFound(contextName, files: filesText, available: config.contexts.map(\.name))
            }
            selection.contextName = contextName
            selection.context = context
        } else if nonEmpty(overrides.cluster) == nil && !overrides.namesServer {
            throw KubeconfigError.noCurrentContext(files: filesText, available: config.contexts.map(\.name))
        }
        let contextLabel = contextName.map { "context \"\($0)\"" }
        let contextFile = contextName.flatMap { merged.contextOrigins[$0] } ?? filesText

        if let name = nonEmpty(overrides.cluster) ?? nonEmpty(selection.context.cluster) {
            guard let cluster = config.cluster(named: name) else {
                throw KubeconfigError.clusterNotFound(
                    name, referencedBy: nonEmpty(overrides.cluster) != nil ? "--cluster" : contextLabel ?? "--cluster",
                    files: filesText, available: config.clusters.map(\.name))
            }
            selection.clusterName = name
            selection.cluster = cluster
            selection.clusterFile = merged.clusterOrigins[name] ?? filesText
        } else if !overrides.namesServer {
            throw KubeconfigError.contextHasNoCluster(context: contextName ?? "", file: contextFile)
        }

        if let name = nonEmpty(overrides.user) ?? nonEmpty(selection.context.user) {
            guard let user = config.user(named: name) else {
                throw KubeconfigError.userNotFound(
                    name, referencedBy: nonEmpty(overrides.user) != nil ? "--user" : contextLabel ?? "--user",
                    files: filesText, available: config.users.map(\.name))
            }
            selection.userName = name
            selection.user = user
            selection.userFile = merged.userOrigins[name] ?? filesText
        }
        applyClusterFlags(to: &selection.cluster)
        applyUserFlags(to: &selection.user)
        return selection
    }

    private func applyClusterFlags(to cluster: inout KubeconfigCluster) {
        if let server = nonEmpty(overrides.server) { cluster.server = server }
        if let name = nonEmpty(overrides.tlsServerName) { cluster.tlsServerName = name }
        if let file = nonEmpty(overrides.certificateAuthority) {
            cluster.certificateAuthority = FilePaths.absolute(file, workingDirectory: workingDirectory)
            cluster.certificateAuthorityData = nil
        }
        if let insecure = overrides.insecureSkipTLSVerify {
            cluster.insecureSkipTLSVerify = insecure
            // As clientcmd: asking for insecure on the command line drops the configured CA.
            if insecure && overrides.certificateAuthority == nil {
                cluster.certificateAuthority = nil
                cluster.certificateAuthorityData = nil
            }
        }
    }

    private func applyUserFlags(to user: inout KubeconfigUser) {
        if let file = nonEmpty(overrides.clientCertificate) {
            user.clientCertificate = FilePaths.absolute(file, workingDirectory: workingDirectory)
            user.clientCertificateData = nil
        }
        if let file = nonEmpty(overrides.clientKey) {
            user.clientKey = FilePaths.absolute(file, workingDirectory: workingDirectory)
            user.clientKeyData = nil
        }
        if let token = nonEmpty(overrides.token) {
            user.token = token
            user.tokenFile = nil
            user.exec = nil
            user.authProvider = nil
            user.username = nil
            user.password = nil
        }
        if let name = nonEmpty(overrides.impersonate) { user.impersonate = name }
        if let uid = nonEmpty(overrides.impersonateUID) { user.impersonateUID = uid }
        if !overrides.impersonateGroups.isEmpty { user.impersonateGroups = overrides.impersonateGroups }
    }
}

func nonEmpty(_ value: String?) -> String? {
    guard let value, !value.isEmpty else { return nil }
    return value
}
