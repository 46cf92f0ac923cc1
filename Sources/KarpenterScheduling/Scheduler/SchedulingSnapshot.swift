import KarpenterAPI

/// Everything one scheduling pass looks at: the pods to place, the NodePools and the instance
/// types each may launch, the nodes that already exist (with their pods) and the DaemonSets.
public struct SchedulingSnapshot: Sendable {
    /// Pods to place. Callers pass the provisionable pods (see `PodEligibility`); the scheduler
    /// validates each and reports the ones it must ignore.
    public var pendingPods: [Pod]
    public var nodePools: [NodePool]
    /// Instance types each NodePool may launch, keyed by NodePool name (the cloud provider
    /// filters by the NodePool's node class before this point).
    public var instanceTypes: [String: [InstanceType]]
    /// Nodes and in-flight NodeClaims, with the pods bound to them.
    public var existingNodes: [ExistingNodeInput]
    public var daemonSets: [DaemonSet]
    /// Pods in the cluster outside the batch (bound elsewhere), counted by topology.
    public var otherPods: [Pod]
    public var options: SchedulerOptions

    public init(pendingPods: [Pod] = [], nodePools: [NodePool] = [], instanceTypes: [String: [InstanceType]] = [:],
                existingNodes: [ExistingNodeInput] = [], daemonSets: [DaemonSet] = [], otherPods: [Pod] = [],
                options: SchedulerOptions = SchedulerOptions()) {
        self.pendingPods = pendingPods
        self.nodePools = nodePools
        self.instanceTypes = instanceTypes
        self.existingNodes = existingNodes
        self.daemonSets = daemonSets
        self.otherPods = otherPods
        self.options = options
    }
}

/// A node known to the cluster: a registered Node, an in-flight NodeClaim without a Node yet,
/// or both, plus the pods bound to it.
public struct ExistingNodeInput: Sendable {
    public var node: Node?
    public var nodeClaim: NodeClaim?
    public var pods: [Pod]

    public init(node: Node? = nil, nodeClaim: NodeClaim? = nil, pods: [Pod] = []) {
        self.node = node
        self.nodeClaim = nodeClaim
        self.pods = pods
    }

    public var name: String { node?.metadata.name ?? nodeClaim?.metadata.name ?? "" }
}

public struct SchedulerOptions: Sendable {
    public enum PreferencePolicy: String, Sendable { case respect = "Respect", ignore = "Ignore" }
    public enum MinValuesPolicy: String, Sendable { case strict = "Strict", bestEffort = "BestEffort" }

    /// Instance types kept per NodeClaim at launch, cheapest first (upstream: 600).
    public var maxInstanceTypes: Int
    public var preferencePolicy: PreferencePolicy
    public var minValuesPolicy: MinValuesPolicy
    /// Record every candidate tried for every pod (for `explain`); costs time and memory.
    public var recordTrace: Bool
    /// Label keys the cloud provider guarantees on its instance types (core + provider).
    public var wellKnownLabels: LabelKeySet

    public init(maxInstanceTypes: Int = 600, preferencePolicy: PreferencePolicy = .respect,
                minValuesPolicy: MinValuesPolicy = .strict, recordTrace: Bool = false,
                wellKnownLabels: LabelKeySet = SchedulingLabel.core) {
        self.maxInstanceTypes = maxInstanceTypes
        self.preferencePolicy = preferencePolicy
        self.minValuesPolicy = minValuesPolicy
        self.recordTrace = recordTrace
        self.wellKnownLabels = wellKnownLabels
    }
}
