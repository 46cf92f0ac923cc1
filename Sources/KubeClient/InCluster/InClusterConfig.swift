import Foundation

/// The configuration of a pod's service account: `KUBERNETES_SERVICE_HOST`/`_PORT` and the
/// files the kubelet mounts. The token is only named (`bearerTokenFile`); read it through a
/// `RotatingTokenFile` because the kubelet rotates it.
public struct InClusterConfig: Sendable {
    public static let defaultServiceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount"

    public var environment: [String: String]
    public var serviceAccountDirectory: String
    public var files: any FileSource

    public init(environment: [String: String] = ProcessInfo.processInfo.environment,
                serviceAccountDirectory: String = InClusterConfig.defaultServiceAccountDirectory,
                files: any FileSource = LocalFileSource()) {
        self.environment = environment
        self.serviceAccountDirectory = serviceAccountDirectory
        self.files = files
    }

    public var tokenPath: String { FilePaths.join(serviceAccountDirectory, "token") }
    public var caPath: String { FilePaths.join(serviceAccountDirectory, "ca.crt") }
    public var namespacePath: String { FilePaths.join(serviceAccountDirectory, "namespace") }

    /// True when the environment says we run in a pod.
    public var isPossible: Bool {
        nonEmpty(environment["KUBERNETES_SERVICE_HOST"]) != nil && nonEmpty(environment["KUBERNETES_SERVICE_PORT"]) != nil
    }

    /// `namespaceOverride` is `-n`; then `POD_NAMESPACE`, the namespace file, `default`.
    public func load(namespaceOverride: String? = nil) throws -> RESTConfig {
        let host = nonEmpty(environment["KUBERNETES_SERVICE_HOST"])
        let port = nonEmpty(environment["KUBERNETES_SERVICE_PORT"])
        guard let host, let port else {
            throw KubeconfigError.notInCluster(missing: [
                host == nil ? "KUBERNETES_SERVICE_HOST" : nil, port == nil ? "KUBERNETES_SERVICE_PORT" : nil,
            ].compactMap { $0 })
        }
        let hostPart = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        guard let server = URL(string: "https://\(hostPart):\(port)") else {
            throw KubeconfigError.invalidServer("https://\(hostPart):\(port)", cluster: "in-cluster",
                                                file: "KUBERNETES_SERVICE_HOST/PORT")
        }
        let token = String(decoding: try read(tokenPath), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let ca = try read(caPath)
        return RESTConfig(
            server: server,
            tls: RESTConfig.TLSSettings(certificateAuthorityData: ca),
            credentials: RESTConfig.Credentials(bearerToken: token, bearerTokenFile: tokenPath),
            namespace: namespace(override: namespaceOverride),
            source: .inCluster(serviceAccountDirectory: serviceAccountDirectory))
    }

    func namespace(override: String?) -> String {
        if let override = nonEmpty(override) { return override }
        if let fromEnv = nonEmpty(environment["POD_NAMESPACE"]) { return fromEnv }
        if let data = try? files.contents(of: namespacePath),
           let text = nonEmpty(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) {
            return text
        }
        return "default"
    }

    private func read(_ path: String) throws -> Data {
        do {
            return try files.contents(of: path)
        } catch {
            throw KubeconfigError.inClusterFileMissing(path, reason: "\(error)")
        }
    }
}
