/// Who may act: the Lease-based `LeaderElector`, or `AlwaysLeading` without leader election.
public protocol Leadership: Sendable {
    /// Blocks until cancelled, running `whileLeading` only while this replica leads.
    func run(whileLeading: @escaping @Sendable () async -> Void) async
}

/// A single replica (`--leader-elect=false`, tests, the embedded mode): always the leader.
public struct AlwaysLeading: Leadership {
    public init() {}

    public func run(whileLeading: @escaping @Sendable () async -> Void) async {
        await whileLeading()
    }
}

/// The Lease-based elector (the lead's `LeaderElection/LeaderElector.swift`).
extension LeaderElector: Leadership {}
