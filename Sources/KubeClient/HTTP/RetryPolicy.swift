import Foundation

/// When a failed request is sent again: a 429 always (the server did not act on it and says
/// when to come back), a 5xx or a broken connection only for verbs that are safe to repeat.
/// Waits honour `Retry-After`, else back off exponentially with jitter, and never run past
/// the request's deadline.
public struct RetryPolicy: Sendable {
    public var maxRetries: Int
    public var initialBackoff: Duration
    public var maxBackoff: Duration
    /// Longest `Retry-After` honoured; the server's value is capped here.
    public var maxRetryAfter: Duration

    public init(maxRetries: Int = 5, initialBackoff: Duration = .milliseconds(200), maxBackoff: Duration = .seconds(5),
                maxRetryAfter: Duration = .seconds(30)) {
        self.maxRetries = maxRetries
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
        self.maxRetryAfter = maxRetryAfter
    }

    public static let none = RetryPolicy(maxRetries: 0)

    static let idempotentMethods: Set<String> = ["GET", "HEAD", "PUT", "DELETE", "OPTIONS"]

    enum Failure {
        case status(Int, retryAfterSeconds: Int?)
        case connection
    }

    /// The wait before attempt `attempt + 1`, or nil to give up.
    func delay(after failure: Failure, method: String, attempt: Int) -> Duration? {
        guard attempt < maxRetries else { return nil }
        switch failure {
        case .status(429, let retryAfter):
            return retryAfter.map { min(.seconds($0), maxRetryAfter) } ?? backoff(attempt)
        case .status(let code, let retryAfter) where (500...599).contains(code) && code != 501:
            guard Self.idempotentMethods.contains(method) else { return nil }
            return retryAfter.map { min(.seconds($0), maxRetryAfter) } ?? backoff(attempt)
        case .status:
            return nil
        case .connection:
            return Self.idempotentMethods.contains(method) ? backoff(attempt) : nil
        }
    }

    private func backoff(_ attempt: Int) -> Duration {
        let base = initialBackoff * Int(1 << min(attempt, 10))
        let capped = min(base, maxBackoff)
        // Up to 20% jitter so many clients that failed together do not come back together.
        return capped + capped * Double.random(in: 0...0.2)
    }
}
