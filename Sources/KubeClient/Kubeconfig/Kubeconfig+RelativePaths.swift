extension Kubeconfig {
    /// The file references made absolute against `directory` (the kubeconfig file's own
    /// directory), as kubectl does on load: CA, client certificate and key, token file, and an
    /// exec command that names a path (`./bin/login`) rather than a `PATH` lookup (`kubelogin`).
    public func resolvingRelativePaths(against directory: String) -> Kubeconfig {
        var copy = self
        copy.clusters = clusters.map { entry in
            var entry = entry
            entry.cluster.certificateAuthority = Self.absolute(entry.cluster.certificateAuthority, in: directory)
            return entry
        }
        copy.users = users.map { entry in
            var entry = entry
            entry.user.clientCertificate = Self.absolute(entry.user.clientCertificate, in: directory)
            entry.user.clientKey = Self.absolute(entry.user.clientKey, in: directory)
            entry.user.tokenFile = Self.absolute(entry.user.tokenFile, in: directory)
            if let command = entry.user.exec?.command, command.contains("/") {
                entry.user.exec?.command = Self.absolute(command, in: directory) ?? command
            }
            return entry
        }
        return copy
    }

    static func absolute(_ path: String?, in directory: String) -> String? {
        guard let path, !path.isEmpty, !path.hasPrefix("/") else { return path }
        return FilePaths.join(directory, path)
    }
}
