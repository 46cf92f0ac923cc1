/// A `context:` entry: a cluster, a user and a default namespace.
public struct KubeconfigContext: Codable, Sendable, Equatable {
    public var cluster: String?
    public var user: String?
    public var namespace: String?
    public var extensions: [NamedExtension]?

    public init(cluster: String? = nil, user: String? = nil, namespace: String? = nil,
                extensions: [NamedExtension]? = nil) {
        self.cluster = cluster
        self.user = user
        self.namespace = namespace
        self.extensions = extensions
    }
}
