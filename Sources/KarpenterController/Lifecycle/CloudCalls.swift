import KarpenterCloud

/// Cloud provider calls with their duration and errors recorded (`karpenter_cloudprovider_*`).
struct CloudCalls: Sendable {
    let provider: any CloudProvider
    let metrics: ControllerMetrics
    let controller: String

    func create(_ request: LaunchRequest) async throws(CloudProviderError) -> LaunchedInstance {
        try await timed("Create") { () async throws(CloudProviderError) in try await provider.create(request) }
    }

    func delete(providerID: String) async throws(CloudProviderError) {
        try await timed("Delete") { () async throws(CloudProviderError) in try await provider.delete(providerID: providerID) }
    }

    func list() async throws(CloudProviderError) -> [CloudInstance] {
        try await timed("List") { () async throws(CloudProviderError) in try await provider.list() }
    }

    private func timed<T>(_ method: String, _ body: () async throws(CloudProviderError) -> T) async throws(CloudProviderError) -> T {
        let started = ContinuousClock.now
        do {
            let result = try await body()
            metrics.cloudCall(controller: controller, method: method, provider: provider.name,
                              seconds: (ContinuousClock.now - started).seconds, error: nil)
            return result
        } catch {
            metrics.cloudCall(controller: controller, method: method, provider: provider.name,
                              seconds: (ContinuousClock.now - started).seconds, error: Self.errorLabel(error))
            throw error
        }
    }

    /// The `error` label; nil for answers that are not failures (an instance already gone).
    static func errorLabel(_ error: CloudProviderError) -> String? {
        switch error {
        case .insufficientCapacity: return "InsufficientCapacityError"
        case .quotaExceeded: return "QuotaExceededError"
        case .notFound: return nil
        case .nodeClassNotReady: return "NodeClassNotReadyError"
        case .throttled: return "ThrottledError"
        case .transient: return "TransientError"
        case .permanent: return "CreateError"
        }
    }

    /// How long failed offerings stay unavailable (CLOUD.md §5: 1 h for capacity failures;
    /// family quota 1 h when the limit is 0, else 10 min).
    static func unavailableTTL(_ error: CloudProviderError) -> Double {
        switch error {
        case .quotaExceeded(_, let message): return message.contains("Current Limit: 0") ? 3600 : 600
        default: return 3600
        }
    }
}
