import Foundation

extension RESTConfigResolver {
    func resolveServer(_ selection: Selection, tls: RESTConfig.TLSSettings) throws -> URL {
        let clusterName = selection.clusterName ?? "(from flags)"
        guard let raw = nonEmpty(selection.cluster.server) else {
            throw KubeconfigError.noServer(cluster: clusterName, file: selection.clusterFile)
        }
        // Like client-go's DefaultServerURL: a bare host:port means https.
        let text = raw.contains("://") ? raw : "https://" + raw
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(),
              scheme == "https" || scheme == "http", let host = url.host, !host.isEmpty else {
            throw KubeconfigError.invalidServer(raw, cluster: clusterName, file: selection.clusterFile)
        }
        return url
    }

    func resolveProxy(_ selection: Selection) throws -> URL? {
        guard let raw = nonEmpty(selection.cluster.proxyURL) else { return nil }
        guard let url = URL(string: raw), let scheme = url.scheme?.lowercased(),
              ["http", "https", "socks5"].contains(scheme), url.host?.isEmpty == false else {
            throw KubeconfigError.invalidProxyURL(raw, cluster: selection.clusterName ?? "(from flags)",
                                                  file: selection.clusterFile)
        }
        return url
    }

    func resolveTLS(_ selection: Selection) throws -> RESTConfig.TLSSettings {
        let cluster = selection.cluster
        let clusterEntry = "cluster \"\(selection.clusterName ?? "(from flags)")\""
        let userEntry = "user \"\(selection.userName ?? "(from flags)")\""
        let insecure = cluster.insecureSkipTLSVerify ?? false
        let ca = try bytes(data: cluster.certificateAuthorityData, dataField: "certificate-authority-data",
                           file: cluster.certificateAuthority, fileField: "certificate-authority",
                           entry: clusterEntry, origin: selection.clusterFile)
        if insecure && ca != nil {
            throw KubeconfigError.conflictingTLS(
                cluster: selection.clusterName ?? "(from flags)", file: selection.clusterFile,
                reason: "certificate-authority and insecure-skip-tls-verify are both set; remove one")
        }
        let user = selection.user
        let certificate = try bytes(data: user.clientCertificateData, dataField: "client-certificate-data",
                                    file: user.clientCertificate, fileField: "client-certificate",
                                    entry: userEntry, origin: selection.userFile)
        let key = try bytes(data: user.clientKeyData, dataField: "client-key-data",
                            file: user.clientKey, fileField: "client-key",
                            entry: userEntry, origin: selection.userFile)
        if (certificate == nil) != (key == nil) {
            throw KubeconfigError.incompleteClientCertificate(
                user: selection.userName ?? "(from flags)", file: selection.userFile,
                missing: certificate == nil ? "client-certificate(-data)" : "client-key(-data)")
        }
        return RESTConfig.TLSSettings(
            certificateAuthorityData: ca, clientCertificateData: certificate, clientKeyData: key,
            serverName: nonEmpty(cluster.tlsServerName), insecureSkipTLSVerify: insecure)
    }

    func resolveCredentials(_ selection: Selection) throws -> RESTConfig.Credentials {
        let user = selection.user
        let userName = selection.userName ?? "(from flags)"
        if let provider = user.authProvider {
            throw KubeconfigError.unsupportedAuthProvider(name: provider.name, user: userName, file: selection.userFile)
        }
        var methods: [String] = []
        if nonEmpty(user.token) != nil || nonEmpty(user.tokenFile) != nil { methods.append("token") }
        if nonEmpty(user.username) != nil || nonEmpty(user.password) != nil { methods.append("basic auth") }
        if methods.count > 1 {
            throw KubeconfigError.conflictingAuthentication(user: userName, methods: methods, file: selection.userFile)
        }
        var credentials = RESTConfig.Credentials(
            username: nonEmpty(user.username), password: nonEmpty(user.password))
        if let token = nonEmpty(user.token) {
            credentials.bearerToken = token
            credentials.bearerTokenFile = nonEmpty(user.tokenFile)
        } else if let tokenFile = nonEmpty(user.tokenFile) {
            let data = try read(tokenFile, field: "tokenFile", entry: "user \"\(userName)\"", origin: selection.userFile)
            credentials.bearerToken = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            credentials.bearerTokenFile = tokenFile
        }
        if let exec = user.exec {
            try ExecConfigValidation.validate(exec, user: userName, file: selection.userFile)
            credentials.exec = exec
            credentials.execClusterConfig = selection.cluster.execExtension
        }
        if user.impersonate != nil || user.impersonateUID != nil || !(user.impersonateGroups ?? []).isEmpty {
            credentials.impersonate = RESTConfig.Impersonation(
                user: nonEmpty(user.impersonate), uid: nonEmpty(user.impersonateUID),
                groups: user.impersonateGroups ?? [], extra: user.impersonateUserExtra ?? [:])
        }
        return credentials
    }

    /// `*-data` (base64 PEM) wins over the file variant.
    private func bytes(data: String?, dataField: String, file: String?, fileField: String,
                       entry: String, origin: String) throws -> Data? {
        if let encoded = nonEmpty(data) {
            let compact = encoded.filter { !$0.isWhitespace }
            guard let decoded = Data(base64Encoded: compact) else {
                throw KubeconfigError.invalidBase64(field: dataField, entry: entry, file: origin)
            }
            return decoded
        }
        guard let path = nonEmpty(file) else { return nil }
        return try read(path, field: fileField, entry: entry, origin: origin)
    }

    private func read(_ path: String, field: String, entry: String, origin: String) throws -> Data {
        do {
            return try files.contents(of: path)
        } catch {
            throw KubeconfigError.unreadableReference(
                field: field, path: path, entry: entry, file: origin, reason: "\(error)")
        }
    }
}
