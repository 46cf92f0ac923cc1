import Foundation

/// Caches one exec plugin's credential until it expires; concurrent callers share one run.
/// After a 401, call `invalidate(ifCurrent:)` with the credential that was rejected and ask
/// again: the plugin runs once more, however many requests saw the 401.
public actor ExecCredentialProvider {
    public nonisolated let plugin: ExecCredentialPlugin
    private let now: @Sendable () -> Date
    private var cached: ExecCredential?
    private var inFlight: Task<ExecCredential, Error>?
    /// How many times the plugin was started (for logs, metrics and tests).
    public private(set) var runs = 0

    public init(plugin: ExecCredentialPlugin, now: @escaping @Sendable () -> Date = { Date() }) {
        self.plugin = plugin
        self.now = now
    }

    /// A provider for a resolved configuration's exec block (nil when it has none).
    public init?(config: RESTConfig, environment: [String: String] = ProcessInfo.processInfo.environment,
                 timeout: Duration? = nil, now: @escaping @Sendable () -> Date = { Date() }) {
        guard let exec = config.credentials.exec else { return nil }
        self.init(plugin: ExecCredentialPlugin(config: exec, cluster: ExecClusterInfo(config),
                                               environment: environment, timeout: timeout), now: now)
    }

    /// The cached credential while it is valid, else a fresh one from the plugin.
    public func credential() async throws -> ExecCredential {
        if let cached, !cached.isExpired(at: now()) { return cached }
        if let inFlight { return try await inFlight.value }
        runs += 1
        let plugin = self.plugin
        let task = Task { try await plugin.run() }
        inFlight = task
        defer { inFlight = nil }
        let fresh = try await task.value
        cached = fresh
        return fresh
    }

    /// Drops the cached credential unconditionally.
    public func invalidate() {
        cached = nil
    }

    /// Drops the cached credential only if it is the one the server rejected, so several
    /// requests failing with the same credential cause one new run, not several.
    public func invalidate(ifCurrent rejected: ExecCredential) {
        if cached == rejected { cached = nil }
    }
}
