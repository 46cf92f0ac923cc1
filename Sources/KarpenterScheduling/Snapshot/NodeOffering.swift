import KarpenterAPI

/// What a node or NodeClaim runs as, read from its well-known labels.
public struct NodeOffering: Sendable, Hashable {
    public var nodePool: String?
    public var instanceType: String?
    public var zone: String?
    public var capacityType: String?
    public var region: String?

    public init(nodePool: String? = nil, instanceType: String? = nil, zone: String? = nil,
                capacityType: String? = nil, region: String? = nil) {
        self.nodePool = nodePool
        self.instanceType = instanceType
        self.zone = zone
        self.capacityType = capacityType
        self.region = region
    }

    public init(labels: [String: String]) {
        self.init(nodePool: labels[SchedulingLabel.nodePool],
                  instanceType: labels[SchedulingLabel.instanceType] ?? labels["beta.kubernetes.io/instance-type"],
                  zone: labels[SchedulingLabel.zone] ?? labels["failure-domain.beta.kubernetes.io/zone"],
                  capacityType: labels[SchedulingLabel.capacityType] ?? Self.aksNodePoolCapacityType(labels),
                  region: labels[SchedulingLabel.region] ?? labels["failure-domain.beta.kubernetes.io/region"])
    }

    /// Nodes of AKS's own node pools carry no Karpenter capacity-type label: a spot scale set
    /// says so with `kubernetes.azure.com/scalesetpriority`, any other AKS pool is on-demand.
    static func aksNodePoolCapacityType(_ labels: [String: String]) -> String? {
        if labels["kubernetes.azure.com/scalesetpriority"] == "spot" { return SchedulingLabel.capacityTypeSpot }
        return labels["kubernetes.azure.com/agentpool"] != nil ? SchedulingLabel.capacityTypeOnDemand : nil
    }
}
