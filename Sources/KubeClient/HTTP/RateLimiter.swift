import Foundation

/// client-go's token bucket: `burst` requests at once, then `qps` per second. Callers wait
/// their turn in order; a limit of zero or less disables limiting.
public actor RateLimiter {
    public nonisolated let qps: Double
    public nonisolated let burst: Int
    private var tokens: Double
    private var last: ContinuousClock.Instant
    private let clock = ContinuousClock()

    public init(qps: Double, burst: Int) {
        self.qps = qps
        self.burst = max(1, burst)
        self.tokens = Double(max(1, burst))
        self.last = ContinuousClock.now
    }

    /// Takes one token, sleeping until one is available.
    public func acquire() async throws {
        guard qps > 0 else { return }
        refill()
        tokens -= 1
        if tokens >= 0 { return }
        // The debt is paid by waiting; later callers queue behind it because tokens stay negative.
        let wait = -tokens / qps
        try await Task.sleep(for: .seconds(wait))
    }

    private func refill() {
        let now = clock.now
        let elapsed = now - last
        last = now
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        tokens = min(Double(burst), tokens + seconds * qps)
    }
}
