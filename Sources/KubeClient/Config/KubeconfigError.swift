/// Why a kubeconfig (or in-cluster configuration) could not be turned into a `RESTConfig`.
/// Every message names what is missing and where it was looked for.
public enum KubeconfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Nothing to load: no file, no `--server`, not in a cluster.
    case noConfiguration(searched: [String])
    /// `--kubeconfig PATH` names a file that does not exist.
    case explicitFileNotFound(String)
    case unreadableFile(String, reason: String)
    case invalidFile(String, reason: String)
    case noCurrentContext(files: String, available: [String])
    case contextNotFound(String, files: String, available: [String])
    /// `referencedBy` is `context "x"` or `--cluster`.
    case clusterNotFound(String, referencedBy: String, files: String, available: [String])
    case userNotFound(String, referencedBy: String, files: String, available: [String])
    case noServer(cluster: String, file: String)
    case contextHasNoCluster(context: String, file: String)
    case incompleteClientCertificate(user: String, file: String, missing: String)
    case invalidServer(String, cluster: String, file: String)
    case invalidProxyURL(String, cluster: String, file: String)
    case invalidBase64(field: String, entry: String, file: String)
    case unreadableReference(field: String, path: String, entry: String, file: String, reason: String)
    case conflictingAuthentication(user: String, methods: [String], file: String)
    case unsupportedAuthProvider(name: String, user: String, file: String)
    case invalidExec(user: String, file: String, reason: String)
    case conflictingTLS(cluster: String, file: String, reason: String)
    case notInCluster(missing: [String])
    case inClusterFileMissing(String, reason: String)

    public var description: String {
        switch self {
        case .noConfiguration(let searched):
            let places = searched.isEmpty ? "" : " (looked in \(searched.joined(separator: ", ")))"
            return "no kubeconfig found\(places) and not running inside a cluster; "
                + "pass --kubeconfig, set KUBECONFIG, or create ~/.kube/config"
        case .explicitFileNotFound(let path):
            return "kubeconfig \(path) given with --kubeconfig does not exist"
        case .unreadableFile(let path, let reason):
            return "cannot read kubeconfig \(path): \(reason)"
        case .invalidFile(let path, let reason):
            return "kubeconfig \(path) is not a valid kubeconfig: \(reason)"
        case .noCurrentContext(let files, let available):
            return "no context selected: current-context is not set in \(files) and --context was not given"
                + Self.list("contexts", available)
        case .contextNotFound(let name, let files, let available):
            return "context \"\(name)\" not found in \(files)" + Self.list("contexts", available)
        case .clusterNotFound(let name, let referencedBy, let files, let available):
            return "cluster \"\(name)\" (from \(referencedBy)) not found in \(files)" + Self.list("clusters", available)
        case .userNotFound(let name, let referencedBy, let files, let available):
            return "user \"\(name)\" (from \(referencedBy)) not found in \(files)" + Self.list("users", available)
        case .noServer(let cluster, let file):
            return "cluster \"\(cluster)\" in \(file) has no server; set clusters[].cluster.server or pass --server"
        case .contextHasNoCluster(let context, let file):
            return "context \"\(context)\" in \(file) names no cluster; set contexts[].context.cluster or pass --cluster or --server"
        case .incompleteClientCertificate(let user, let file, let missing):
            return "user \"\(user)\" in \(file) has a client certificate or key but no \(missing); both are needed"
        case .invalidServer(let server, let cluster, let file):
            return "cluster \"\(cluster)\" in \(file) has an invalid server \"\(server)\"; expected https://host[:port]"
        case .invalidProxyURL(let proxy, let cluster, let file):
            return "cluster \"\(cluster)\" in \(file) has an invalid proxy-url \"\(proxy)\"; expected http(s)://host:port or socks5://host:port"
        case .invalidBase64(let field, let entry, let file):
            return "\(field) of \(entry) in \(file) is not valid base64"
        case .unreadableReference(let field, let path, let entry, let file, let reason):
            return "cannot read \(field) \(path) of \(entry) in \(file): \(reason)"
        case .conflictingAuthentication(let user, let methods, let file):
            return "user \"\(user)\" in \(file) has more than one authentication method "
                + "(\(methods.joined(separator: ", "))); keep only one"
        case .unsupportedAuthProvider(let name, let user, let file):
            return "user \"\(user)\" in \(file) uses auth-provider \"\(name)\", which kubectl removed in v1.26; "
                + "convert it to an exec plugin, for AKS with `kubelogin convert-kubeconfig -l azurecli`"
        case .invalidExec(let user, let file, let reason):
            return "exec plugin of user \"\(user)\" in \(file): \(reason)"
        case .conflictingTLS(let cluster, let file, let reason):
            return "cluster \"\(cluster)\" in \(file): \(reason)"
        case .notInCluster(let missing):
            return "not running inside a cluster: \(missing.joined(separator: " and ")) not set"
        case .inClusterFileMissing(let path, let reason):
            return "in-cluster configuration: cannot read \(path): \(reason)"
        }
    }

    private static func list(_ what: String, _ names: [String]) -> String {
        names.isEmpty ? " (no \(what) defined)" : " (\(what): \(names.sorted().joined(separator: ", ")))"
    }
}
