/// Delays and limits of the Azure calls; tests shrink them to milliseconds.
public struct AzureTiming: Sendable {
    /// Between polls of a long-running operation when the service gives no Retry-After (CLOUD.md: 3 s).
    public var pollInterval: Duration
    /// How long one long-running operation may take before the call gives up.
    public var operationTimeout: Duration
    public var requestTimeout: Duration
    /// Retries of a 429 or (idempotent calls) a 5xx / network failure.
    public var maxRetries: Int
    /// The first back-off without Retry-After; doubles per attempt.
    public var retryBaseDelay: Duration
    /// The longest wait honoured, Retry-After included.
    public var maxRetryDelay: Duration
    /// How many offerings one `create` tries before giving up.
    public var maxLaunchAttempts: Int

    public init(pollInterval: Duration = .seconds(3), operationTimeout: Duration = .seconds(600),
                requestTimeout: Duration = .seconds(30), maxRetries: Int = 4, retryBaseDelay: Duration = .seconds(1),
                maxRetryDelay: Duration = .seconds(60), maxLaunchAttempts: Int = 5) {
        self.pollInterval = pollInterval
        self.operationTimeout = operationTimeout
        self.requestTimeout = requestTimeout
        self.maxRetries = maxRetries
        self.retryBaseDelay = retryBaseDelay
        self.maxRetryDelay = maxRetryDelay
        self.maxLaunchAttempts = maxLaunchAttempts
    }

    /// Fast settings for tests against the stand-in.
    public static let fast = AzureTiming(pollInterval: .milliseconds(10), operationTimeout: .seconds(5),
                                         requestTimeout: .seconds(5), maxRetries: 3, retryBaseDelay: .milliseconds(10),
                                         maxRetryDelay: .milliseconds(50))
}
