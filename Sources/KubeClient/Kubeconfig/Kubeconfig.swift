import KarpenterAPI

/// A kubeconfig file (`apiVersion: v1`, `kind: Config`) with every field kubectl reads.
/// Decodes the YAML/JSON spelling (`current-context`, `certificate-authority-data`, ...).
public struct Kubeconfig: Codable, Sendable, Equatable {
    public var apiVersion: String?
    public var kind: String?
    public var clusters: [NamedCluster]
    public var contexts: [NamedContext]
    public var users: [NamedUser]
    public var currentContext: String?
    public var preferences: KubeconfigPreferences?
    public var extensions: [NamedExtension]?

    public init(
        clusters: [NamedCluster] = [], contexts: [NamedContext] = [], users: [NamedUser] = [],
        currentContext: String? = nil, preferences: KubeconfigPreferences? = nil,
        extensions: [NamedExtension]? = nil
    ) {
        self.apiVersion = "v1"
        self.kind = "Config"
        self.clusters = clusters
        self.contexts = contexts
        self.users = users
        self.currentContext = currentContext
        self.preferences = preferences
        self.extensions = extensions
    }

    enum CodingKeys: String, CodingKey {
        case apiVersion, kind, clusters, contexts, users, preferences, extensions
        case currentContext = "current-context"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        apiVersion = try container.decodeIfPresent(String.self, forKey: .apiVersion)
        kind = try container.decodeIfPresent(String.self, forKey: .kind)
        clusters = try container.decodeIfPresent([NamedCluster].self, forKey: .clusters) ?? []
        contexts = try container.decodeIfPresent([NamedContext].self, forKey: .contexts) ?? []
        users = try container.decodeIfPresent([NamedUser].self, forKey: .users) ?? []
        currentContext = try container.decodeIfPresent(String.self, forKey: .currentContext)
        preferences = try container.decodeIfPresent(KubeconfigPreferences.self, forKey: .preferences)
        extensions = try container.decodeIfPresent([NamedExtension].self, forKey: .extensions)
    }

    /// True when the file sets nothing kubectl could use (no entries, no current context).
    public var isEmpty: Bool {
        clusters.isEmpty && contexts.isEmpty && users.isEmpty && (currentContext ?? "").isEmpty
    }

    public func cluster(named name: String) -> KubeconfigCluster? {
        clusters.first { $0.name == name }?.cluster
    }

    public func context(named name: String) -> KubeconfigContext? {
        contexts.first { $0.name == name }?.context
    }

    public func user(named name: String) -> KubeconfigUser? {
        users.first { $0.name == name }?.user
    }
}

/// `preferences:` (kubectl reads `colors`; `extensions` are kept).
public struct KubeconfigPreferences: Codable, Sendable, Equatable {
    public var colors: Bool?
    public var extensions: [NamedExtension]?

    public init(colors: Bool? = nil, extensions: [NamedExtension]? = nil) {
        self.colors = colors
        self.extensions = extensions
    }
}

/// `extensions: [{name, extension}]`, kept as a JSON tree.
public struct NamedExtension: Codable, Sendable, Equatable {
    public var name: String
    public var `extension`: JSONValue?

    public init(name: String, extension: JSONValue?) {
        self.name = name
        self.extension = `extension`
    }
}
