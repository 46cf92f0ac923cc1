import Foundation

/// What a command-line tool or controller calls: kubeconfig as kubectl loads it, falling back
/// to the in-cluster service account when no kubeconfig exists (as client-go's deferred
/// loader does), with the kubectl flags applied.
public struct ClientConfigLoader: Sendable {
    public var files: any FileSource
    public var environment: [String: String]
    public var workingDirectory: String
    public var serviceAccountDirectory: String

    public init(files: any FileSource = LocalFileSource(),
                environment: [String: String] = ProcessInfo.processInfo.environment,
                workingDirectory: String = FileManager.default.currentDirectoryPath,
                serviceAccountDirectory: String = InClusterConfig.defaultServiceAccountDirectory) {
        self.files = files
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.serviceAccountDirectory = serviceAccountDirectory
    }

    public func load(_ overrides: ConnectionOverrides = ConnectionOverrides()) throws -> RESTConfig {
        let loader = KubeconfigLoader(files: files, environment: environment, workingDirectory: workingDirectory)
        let merged = try loader.load(explicit: overrides.kubeconfig)
        let inCluster = InClusterConfig(environment: environment, serviceAccountDirectory: serviceAccountDirectory,
                                        files: files)
        let nothingChosen = merged.config.isEmpty && nonEmpty(overrides.kubeconfig) == nil
            && !overrides.namesServer && nonEmpty(overrides.context) == nil
        if nothingChosen {
            guard inCluster.isPossible else {
                throw KubeconfigError.noConfiguration(searched: loader.candidatePaths(explicit: nil))
            }
            return try inCluster.load(namespaceOverride: overrides.namespace)
        }
        return try RESTConfigResolver(merged: merged, overrides: overrides, files: files,
                                      workingDirectory: workingDirectory).resolve()
    }
}
