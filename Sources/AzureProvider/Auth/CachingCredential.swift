import Foundation

/// Caches another credential's token until `refreshMargin` before it expires, with the expiry
/// clamped to at most now + `maximumLifetime` (CLOUD.md §2: 2 h). Concurrent callers share one refresh.
public actor CachingCredential: AzureCredential {
    public nonisolated let methodName: String
    private let source: any AzureCredential
    private let refreshMargin: TimeInterval
    private let maximumLifetime: TimeInterval
    private let now: @Sendable () -> Date
    private var cached: AccessToken?
    private var refresh: Task<Result<AccessToken, CredentialError>, Never>?

    public init(_ source: any AzureCredential, refreshMargin: TimeInterval = 300, maximumLifetime: TimeInterval = 7200,
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.source = source
        self.methodName = source.methodName
        self.refreshMargin = refreshMargin
        self.maximumLifetime = maximumLifetime
        self.now = now
    }

    public func token() async throws(CredentialError) -> AccessToken {
        if let cached, cached.expiresOn.timeIntervalSince(now()) > refreshMargin { return cached }
        let task: Task<Result<AccessToken, CredentialError>, Never>
        if let refresh {
            task = refresh
        } else {
            let source = source
            task = Task<Result<AccessToken, CredentialError>, Never> {
                do throws(CredentialError) { return .success(try await source.token()) } catch { return .failure(error) }
            }
            refresh = task
        }
        let result = await task.value
        refresh = nil
        switch result {
        case .success(var token):
            token.expiresOn = min(token.expiresOn, now().addingTimeInterval(maximumLifetime))
            cached = token
            return token
        case .failure(let error):
            throw error
        }
    }
}
