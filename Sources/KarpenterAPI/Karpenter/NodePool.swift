/// `karpenter.sh/v1` NodePool.
public struct NodePool: KubernetesObject, Hashable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: NodePoolSpec
    public var status: NodePoolStatus?

    public init(apiVersion: String? = KarpenterAPIGroup.coreV1, kind: String? = KarpenterKind.nodePool,
                metadata: ObjectMeta = ObjectMeta(), spec: NodePoolSpec = NodePoolSpec(), status: NodePoolStatus? = nil) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

public struct NodePoolSpec: Codable, Hashable, Sendable, DecodesMissingAsEmpty {
    public var template: NodeClaimTemplate
    public var disruption: Disruption
    /// Resource name → quantity ceiling for everything this pool launches (`nodes` counts nodes).
    public var limits: ResourceList?
    /// 1–100; higher pools are tried first.
    public var weight: Int?
    /// Presence makes a static NodePool with exactly this many nodes.
    public var replicas: Int64?

    public init() {
        self.init(template: NodeClaimTemplate())
    }

    public init(template: NodeClaimTemplate, disruption: Disruption = Disruption(), limits: ResourceList? = nil,
                weight: Int? = nil, replicas: Int64? = nil) {
        self.template = template
        self.disruption = disruption
        self.limits = limits
        self.weight = weight
        self.replicas = replicas
    }
}

public struct NodeClaimTemplate: Codable, Hashable, Sendable, DecodesMissingAsEmpty {
    public var metadata: NodeClaimTemplateMetadata?
    public var spec: NodeClaimTemplateSpec

    public init() {
        self.init(spec: NodeClaimTemplateSpec())
    }

    public init(metadata: NodeClaimTemplateMetadata? = nil, spec: NodeClaimTemplateSpec) {
        self.metadata = metadata
        self.spec = spec
    }
}

public struct NodeClaimTemplateMetadata: Codable, Hashable, Sendable {
    public var labels: [String: String]?
    public var annotations: [String: String]?

    public init(labels: [String: String]? = nil, annotations: [String: String]? = nil) {
        self.labels = labels
        self.annotations = annotations
    }
}

public struct NodeClaimTemplateSpec: Codable, Hashable, Sendable, DecodesMissingAsEmpty {
    /// Required by the API; nil only for malformed input (validation reports it).
    public var nodeClassRef: NodeClassReference?
    public var requirements: [NodeSelectorRequirementWithMinValues]?
    public var taints: [Taint]?
    /// Taints expected to be removed by a daemon once the node is ready.
    public var startupTaints: [Taint]?
    /// Duration or `Never`; defaulted to `720h`.
    public var expireAfter: String?
    /// Duration (no `Never`).
    public var terminationGracePeriod: String?

    public init() {}

    public init(nodeClassRef: NodeClassReference? = nil, requirements: [NodeSelectorRequirementWithMinValues]? = nil,
                taints: [Taint]? = nil, startupTaints: [Taint]? = nil, expireAfter: String? = nil,
                terminationGracePeriod: String? = nil) {
        self.nodeClassRef = nodeClassRef
        self.requirements = requirements
        self.taints = taints
        self.startupTaints = startupTaints
        self.expireAfter = expireAfter
        self.terminationGracePeriod = terminationGracePeriod
    }
}

public struct NodePoolStatus: Codable, Hashable, Sendable {
    public var resources: ResourceList?
    public var nodes: Int64?
    public var conditions: [Condition]?
    public var nodeClassObservedGeneration: Int64?

    public init(resources: ResourceList? = nil, nodes: Int64? = nil, conditions: [Condition]? = nil,
                nodeClassObservedGeneration: Int64? = nil) {
        self.resources = resources
        self.nodes = nodes
        self.conditions = conditions
        self.nodeClassObservedGeneration = nodeClassObservedGeneration
    }
}
