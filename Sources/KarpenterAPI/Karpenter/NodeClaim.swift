/// `karpenter.sh/v1` NodeClaim: one requested node. The whole spec is immutable.
public struct NodeClaim: KubernetesObject, Hashable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: NodeClaimSpec
    public var status: NodeClaimStatus?

    public init(apiVersion: String? = KarpenterAPIGroup.coreV1, kind: String? = KarpenterKind.nodeClaim,
                metadata: ObjectMeta = ObjectMeta(), spec: NodeClaimSpec = NodeClaimSpec(), status: NodeClaimStatus? = nil) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

public struct NodeClaimSpec: Codable, Hashable, Sendable, DecodesMissingAsEmpty {
    public var nodeClassRef: NodeClassReference?
    public var requirements: [NodeSelectorRequirementWithMinValues]?
    public var taints: [Taint]?
    public var startupTaints: [Taint]?
    public var resources: NodeClaimResources?
    public var expireAfter: String?
    public var terminationGracePeriod: String?

    public init() {}

    public init(nodeClassRef: NodeClassReference? = nil, requirements: [NodeSelectorRequirementWithMinValues]? = nil,
                taints: [Taint]? = nil, startupTaints: [Taint]? = nil, resources: NodeClaimResources? = nil,
                expireAfter: String? = nil, terminationGracePeriod: String? = nil) {
        self.nodeClassRef = nodeClassRef
        self.requirements = requirements
        self.taints = taints
        self.startupTaints = startupTaints
        self.resources = resources
        self.expireAfter = expireAfter
        self.terminationGracePeriod = terminationGracePeriod
    }
}

public struct NodeClaimResources: Codable, Hashable, Sendable {
    public var requests: ResourceList?

    public init(requests: ResourceList? = nil) {
        self.requests = requests
    }
}

public struct NodeClaimStatus: Codable, Hashable, Sendable {
    public var providerID: String?
    public var imageID: String?
    public var nodeName: String?
    public var capacity: ResourceList?
    public var allocatable: ResourceList?
    public var lastPodEventTime: String?
    public var conditions: [Condition]?

    public init(providerID: String? = nil, imageID: String? = nil, nodeName: String? = nil,
                capacity: ResourceList? = nil, allocatable: ResourceList? = nil,
                lastPodEventTime: String? = nil, conditions: [Condition]? = nil) {
        self.providerID = providerID
        self.imageID = imageID
        self.nodeName = nodeName
        self.capacity = capacity
        self.allocatable = allocatable
        self.lastPodEventTime = lastPodEventTime
        self.conditions = conditions
    }
}
