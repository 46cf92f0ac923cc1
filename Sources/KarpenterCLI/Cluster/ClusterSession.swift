import Foundation
import KarpenterAPI
import KubeClient

/// A connection to the user's cluster for one plugin command: the configuration kubectl would
/// use, a client, and the namespace the command works in. Turns every way of failing into an
/// error that says what to do.
struct ClusterSession {
    let client: KubernetesClient
    /// `-n`, else the context's namespace, else `default`.
    let namespace: String

    /// Opens a client, runs `body` and always shuts the client down.
    static func run<Result: Sendable>(_ connection: ConnectionOptions, namespace: String?,
                                      _ body: (ClusterSession) async throws -> Result) async throws -> Result {
        let config: RESTConfig
        do {
            config = try ClientConfigLoader().load(connection.overrides(namespace: namespace))
        } catch let error as KubeconfigError {
            throw CLIError.failed("error: \(error)")
        }
        let options = ClientOptions(requestTimeout: try connection.timeout(),
                                    userAgent: "kubectl-karpenter/\(KarpenterVersion.current)")
        do {
            return try await KubernetesClient.withClient(config: config, options: options) { client in
                try await body(ClusterSession(client: client, namespace: config.namespace))
            }
        } catch let error as KubeClientError {
            throw CLIError.failed(Self.describe(error, server: config.server.absoluteString))
        }
    }

    /// kubectl's wording where it has one (`Error from server (NotFound): ...`).
    static func describe(_ error: KubeClientError, server: String) -> String {
        switch error {
        case .status(let status):
            let reason = status.reason.isEmpty ? "" : " (\(status.reason))"
            var text = "Error from server\(reason): \(status.message)"
            if status.isUnauthorized {
                text += "\nhint: your credentials were refused; log in again (for AKS: kubelogin convert-kubeconfig, or az aks get-credentials)"
            } else if status.isForbidden {
                text += "\nhint: ask a cluster admin for read access to this resource (kubectl auth can-i list nodepools.karpenter.sh)"
            }
            return text
        case .transport(_, _, let reason):
            return "error: cannot reach the API server at \(server): \(reason)\nhint: check the kubeconfig context (kubectl config current-context) and that the cluster is running"
        default:
            return "error: \(error)"
        }
    }
}
