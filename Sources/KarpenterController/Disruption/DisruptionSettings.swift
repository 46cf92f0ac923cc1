/// How the disruption controller paces itself (DISRUPTION.md §2, §9, §10); upstream's values by default.
public struct DisruptionSettings: Sendable {
    /// Between planning passes that found nothing to do.
    public var pollInterval: Duration
    /// Consolidation and emptiness decisions are re-checked after this long before acting.
    public var validationDelay: Duration
    /// A command whose replacements are not initialized by then is abandoned.
    public var commandTimeout: Duration
    /// Replace spot nodes with cheaper spot nodes (feature gate `SpotToSpotConsolidation`).
    public var spotToSpotConsolidation: Bool
    /// false turns disruption off (the controller still terminates what others delete).
    public var enabled: Bool

    public init(pollInterval: Duration = .seconds(10), validationDelay: Duration = .seconds(15),
                commandTimeout: Duration = .seconds(600), spotToSpotConsolidation: Bool = false, enabled: Bool = true) {
        self.pollInterval = pollInterval
        self.validationDelay = validationDelay
        self.commandTimeout = commandTimeout
        self.spotToSpotConsolidation = spotToSpotConsolidation
        self.enabled = enabled
    }
}
