import ArgumentParser

/// The one place the live commands reach the cluster.
extension ConnectionOptions {
    /// Runs `body` with a `ClusterSource` reading the cluster these flags name. Connection and
    /// API failures are printed kubectl-style on stderr and end the command with their code.
    func withClusterSource<Result: Sendable>(namespace: String? = nil,
                                             _ body: (any ClusterSource, _ namespace: String) async throws -> Result) async throws -> Result {
        do {
            return try await ClusterSession.run(self, namespace: namespace) { session in
                try await body(KubeClusterSource(client: session.client), session.namespace)
            }
        } catch let error as CLIError {
            Terminal.err(error.description)
            throw error.exitCode
        }
    }
}
