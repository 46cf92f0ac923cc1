import KarpenterCloud
import KubeClient

/// The API server's answers in the cloud provider's terms: for the simulated cloud the
/// cluster *is* the cloud's control plane.
enum CloudErrorMapping {
    static func map(_ error: KubeClientError, providerID: String? = nil) -> CloudProviderError {
        if let status = error.status {
            if status.isNotFound, let providerID { return .notFound(providerID: providerID) }
            if status.isTooManyRequests { return .throttled(retryAfterSeconds: status.retryAfterSeconds, message: status.message) }
            if status.code >= 500 || status.isConflict { return .transient(status.message) }
            return .permanent(status.description)
        }
        return .transient(error.description)
    }
}
