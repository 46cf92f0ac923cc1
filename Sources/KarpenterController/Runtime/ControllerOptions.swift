/// How the controller behaves; the defaults are upstream Karpenter's.
public struct ControllerOptions: Sendable {
    /// A batch closes after this long without a new provisionable pod (`BATCH_IDLE_DURATION`).
    public var batchIdleDuration: Duration
    /// ... or this long after its first pod at the latest (`BATCH_MAX_DURATION`).
    public var batchMaxDuration: Duration
    /// A launched NodeClaim whose Node has not registered by then is deleted.
    public var registrationTTL: Duration
    /// How often instances without a NodeClaim are looked for.
    public var garbageCollectionInterval: Duration
    /// Instances younger than this are never collected (their NodeClaim may still be written).
    public var orphanMinimumAge: Duration
    /// Provisionable pods are looked at again this often while they stay pending.
    public var pendingPodRecheck: Duration
    /// NodeClaims reconciled at once.
    public var workers: Int
    /// Bind address of the metrics and probe servers; a port of nil turns a server off, 0 picks one.
    public var bindHost: String
    public var metricsPort: Int?
    public var healthPort: Int?
    /// nil: this replica always leads (`--leader-elect=false`).
    public var leaderElection: LeaderElectionSettings?
    /// Emptiness, drift and consolidation pacing.
    public var disruption: DisruptionSettings
    /// A node still draining is looked at again this often (DISRUPTION.md §11: 1 s).
    public var drainPollInterval: Duration
    /// A drained node waits this long after its drain began before it counts as drained,
    /// catching pods bound after the taint (5 s).
    public var minimumDrainTime: Duration
    /// After an instance delete, the provider is asked again this often until it answers not found (5 s).
    public var instanceTerminationPollInterval: Duration
    /// Back-off of a refused eviction: from the first delay doubling up to the second (100 ms, 10 s).
    public var evictionBaseDelay: Duration
    public var evictionMaxDelay: Duration

    public init(batchIdleDuration: Duration = .seconds(1), batchMaxDuration: Duration = .seconds(10),
                registrationTTL: Duration = .seconds(15 * 60), garbageCollectionInterval: Duration = .seconds(120),
                orphanMinimumAge: Duration = .seconds(300), pendingPodRecheck: Duration = .seconds(10), workers: Int = 4,
                bindHost: String = "0.0.0.0", metricsPort: Int? = 8080, healthPort: Int? = 8081,
                leaderElection: LeaderElectionSettings? = nil, drainPollInterval: Duration = .seconds(1),
                minimumDrainTime: Duration = .seconds(5), instanceTerminationPollInterval: Duration = .seconds(5),
                evictionBaseDelay: Duration = .milliseconds(100), evictionMaxDelay: Duration = .seconds(10),
                disruption: DisruptionSettings = DisruptionSettings()) {
        self.disruption = disruption
        self.batchIdleDuration = batchIdleDuration
        self.batchMaxDuration = batchMaxDuration
        self.registrationTTL = registrationTTL
        self.garbageCollectionInterval = garbageCollectionInterval
        self.orphanMinimumAge = orphanMinimumAge
        self.pendingPodRecheck = pendingPodRecheck
        self.workers = workers
        self.bindHost = bindHost
        self.metricsPort = metricsPort
        self.healthPort = healthPort
        self.leaderElection = leaderElection
        self.drainPollInterval = drainPollInterval
        self.minimumDrainTime = minimumDrainTime
        self.instanceTerminationPollInterval = instanceTerminationPollInterval
        self.evictionBaseDelay = evictionBaseDelay
        self.evictionMaxDelay = evictionMaxDelay
    }
}

/// The Lease that decides which replica acts (ECOSYSTEM.md §4.4).
public struct LeaderElectionSettings: Sendable {
    public var namespace: String
    public var name: String
    public var identity: String

    public init(namespace: String, name: String = "karpenter-leader-election", identity: String) {
        self.namespace = namespace
        self.name = name
        self.identity = identity
    }
}
