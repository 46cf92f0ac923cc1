/// `clusters: [{name, cluster}]`.
public struct NamedCluster: Codable, Sendable, Equatable {
    public var name: String
    public var cluster: KubeconfigCluster

    public init(name: String, cluster: KubeconfigCluster) {
        self.name = name
        self.cluster = cluster
    }
}

/// `contexts: [{name, context}]`.
public struct NamedContext: Codable, Sendable, Equatable {
    public var name: String
    public var context: KubeconfigContext

    public init(name: String, context: KubeconfigContext) {
        self.name = name
        self.context = context
    }
}

/// `users: [{name, user}]`.
public struct NamedUser: Codable, Sendable, Equatable {
    public var name: String
    public var user: KubeconfigUser

    public init(name: String, user: KubeconfigUser) {
        self.name = name
        self.user = user
    }
}
