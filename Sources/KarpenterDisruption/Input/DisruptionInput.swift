import Foundation
import KarpenterAPI
import KarpenterScheduling

/// Everything one planning pass looks at: the cluster's objects as the API server returns
/// them, where NodePools get their instance types, the time, and the controller's own state
/// (nodes already in its orchestration queue, nodes nominated by a recent provisioning pass).
public struct DisruptionInput: Sendable {
    public var cluster: ClusterObjects
    public var source: InstanceTypeSource
    public var now: Date
    public var options: DisruptionOptions

    public init(cluster: ClusterObjects, source: InstanceTypeSource, now: Date, options: DisruptionOptions = DisruptionOptions()) {
        self.cluster = cluster
        self.source = source
        self.now = now
        self.options = options
    }
}

public struct DisruptionOptions: Sendable {
    /// Where `Consolidatable` and `Drifted` come from.
    public enum ConditionSource: Sendable, Hashable {
        /// Evaluated from the objects at `now` (what the condition controllers would write).
        case computed
        /// Read from the NodeClaims' status conditions, as written by the controller.
        case nodeClaimStatus
    }

    /// Feature gate `SpotToSpotConsolidation` (default off).
    public var spotToSpotConsolidation: Bool
    /// Node (or NodeClaim) names that are part of a command in the orchestration queue.
    public var disruptingNodes: Set<String>
    /// Node (or NodeClaim) names nominated for pending pods by a recent provisioning pass.
    public var nominatedNodes: Set<String>
    public var conditionSource: ConditionSource
    /// The provisioner's scheduler options (preference policy, minValues policy, truncation).
    public var scheduler: SchedulerOptions
    /// Multi-node consolidation looks at most at this many candidates (upstream: 100).
    public var maxMultiNodeCandidates: Int
    /// Single-node consolidation simulates at most this many candidates per pass. Stands in for
    /// upstream's 3-minute timeout (a pure core has no clock); pools not reached are listed in
    /// the plan so the caller can put them first next time (`prioritizedNodePools`).
    public var maxSingleNodeAttempts: Int
    /// NodePools whose candidates single-node consolidation looks at first (those not reached
    /// by the previous pass).
    public var prioritizedNodePools: [String]

    public init(spotToSpotConsolidation: Bool = false, disruptingNodes: Set<String> = [], nominatedNodes: Set<String> = [],
                conditionSource: ConditionSource = .computed, scheduler: SchedulerOptions = SchedulerOptions(),
                maxMultiNodeCandidates: Int = 100, maxSingleNodeAttempts: Int = 200, prioritizedNodePools: [String] = []) {
        self.spotToSpotConsolidation = spotToSpotConsolidation
        self.disruptingNodes = disruptingNodes
        self.nominatedNodes = nominatedNodes
        self.conditionSource = conditionSource
        self.scheduler = scheduler
        self.maxMultiNodeCandidates = maxMultiNodeCandidates
        self.maxSingleNodeAttempts = maxSingleNodeAttempts
        self.prioritizedNodePools = prioritizedNodePools
    }
}
