/// Several kubeconfig files merged the way kubectl merges `KUBECONFIG`: for every cluster,
/// context and user name, and for `current-context`, the **first** file that sets it wins.
/// Remembers which file each entry came from, for error messages.
public struct MergedKubeconfig: Sendable, Equatable {
    public private(set) var config = Kubeconfig()
    /// The files that were read, in order (missing `KUBECONFIG` entries are not listed).
    public private(set) var files: [String] = []
    public private(set) var clusterOrigins: [String: String] = [:]
    public private(set) var contextOrigins: [String: String] = [:]
    public private(set) var userOrigins: [String: String] = [:]
    public private(set) var currentContextOrigin: String?

    public init() {}

    public init(files: [(path: String, config: Kubeconfig)]) {
        for file in files { add(file.config, from: file.path) }
    }

    /// Adds a later file: only names not already present are taken.
    public mutating func add(_ next: Kubeconfig, from path: String) {
        files.append(path)
        for entry in next.clusters where clusterOrigins[entry.name] == nil {
            clusterOrigins[entry.name] = path
            config.clusters.append(entry)
        }
        for entry in next.contexts where contextOrigins[entry.name] == nil {
            contextOrigins[entry.name] = path
            config.contexts.append(entry)
        }
        for entry in next.users where userOrigins[entry.name] == nil {
            userOrigins[entry.name] = path
            config.users.append(entry)
        }
        if currentContextOrigin == nil, let current = next.currentContext, !current.isEmpty {
            config.currentContext = current
            currentContextOrigin = path
        }
        if config.preferences == nil { config.preferences = next.preferences }
    }

    /// "/a/config" or "/a/config, /b/config" or "no kubeconfig file".
    public var filesDescription: String {
        files.isEmpty ? "no kubeconfig file" : files.joined(separator: ", ")
    }
}
