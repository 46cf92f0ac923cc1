import Foundation

/// How a client behaves on the wire, beyond where it connects: kubectl's
/// `--request-timeout`, client-go's QPS and burst, retries and the User-Agent.
public struct ClientOptions: Sendable {
    /// Deadline of one request (all retries included); watches are bounded by their own timeout.
    public var requestTimeout: Duration
    public var connectTimeout: Duration
    public var qps: Double
    public var burst: Int
    public var retry: RetryPolicy
    public var userAgent: String
    /// Largest response body accepted (a list of every pod of a big cluster fits).
    public var maximumResponseBytes: Int
    /// Environment for exec plugins and proxy variables.
    public var environment: [String: String]
    /// How long an exec credential plugin may run (kubelogin may wait for a browser login).
    public var execTimeout: Duration?

    public init(requestTimeout: Duration = .seconds(30), connectTimeout: Duration = .seconds(10), qps: Double = 50,
                burst: Int = 100, retry: RetryPolicy = RetryPolicy(), userAgent: String = "karpenter-aks",
                maximumResponseBytes: Int = 1 << 30,
                environment: [String: String] = ProcessInfo.processInfo.environment, execTimeout: Duration? = nil) {
        self.requestTimeout = requestTimeout
        self.connectTimeout = connectTimeout
        self.qps = qps
        self.burst = burst
        self.retry = retry
        self.userAgent = userAgent
        self.maximumResponseBytes = maximumResponseBytes
        self.environment = environment
        self.execTimeout = execTimeout
    }
}
