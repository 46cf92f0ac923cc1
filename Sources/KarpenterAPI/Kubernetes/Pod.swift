public struct Pod: KubernetesObject, Hashable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: PodSpec
    public var status: PodStatus?

    public init(apiVersion: String? = "v1", kind: String? = "Pod", metadata: ObjectMeta = ObjectMeta(), spec: PodSpec = PodSpec(), status: PodStatus? = nil) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

public struct PodSpec: Codable, Hashable, Sendable, DecodesMissingAsEmpty {
    public var nodeName: String?
    public var nodeSelector: [String: String]?
    public var affinity: Affinity?
    public var tolerations: [Toleration]?
    public var containers: [Container]?
    public var initContainers: [Container]?
    /// RuntimeClass overhead, filled in by admission.
    public var overhead: ResourceList?
    /// Pod-level resources (Kubernetes ≥ 1.32, feature-gated).
    public var resources: ResourceRequirements?
    public var priority: Int?
    public var priorityClassName: String?
    public var preemptionPolicy: String?
    public var schedulerName: String?
    public var runtimeClassName: String?
    public var topologySpreadConstraints: [TopologySpreadConstraint]?
    public var volumes: [Volume]?
    public var restartPolicy: String?
    public var terminationGracePeriodSeconds: Int64?
    public var hostNetwork: Bool?
    public var serviceAccountName: String?

    public init() {}

    public init(
        nodeName: String? = nil, nodeSelector: [String: String]? = nil, affinity: Affinity? = nil,
        tolerations: [Toleration]? = nil, containers: [Container]? = nil, initContainers: [Container]? = nil,
        overhead: ResourceList? = nil, resources: ResourceRequirements? = nil, priority: Int? = nil,
        priorityClassName: String? = nil, preemptionPolicy: String? = nil, schedulerName: String? = nil,
        runtimeClassName: String? = nil, topologySpreadConstraints: [TopologySpreadConstraint]? = nil,
        volumes: [Volume]? = nil, restartPolicy: String? = nil, terminationGracePeriodSeconds: Int64? = nil,
        hostNetwork: Bool? = nil, serviceAccountName: String? = nil
    ) {
        self.nodeName = nodeName
        self.nodeSelector = nodeSelector
        self.affinity = affinity
        self.tolerations = tolerations
        self.containers = containers
        self.initContainers = initContainers
        self.overhead = overhead
        self.resources = resources
        self.priority = priority
        self.priorityClassName = priorityClassName
        self.preemptionPolicy = preemptionPolicy
        self.schedulerName = schedulerName
        self.runtimeClassName = runtimeClassName
        self.topologySpreadConstraints = topologySpreadConstraints
        self.volumes = volumes
        self.restartPolicy = restartPolicy
        self.terminationGracePeriodSeconds = terminationGracePeriodSeconds
        self.hostNetwork = hostNetwork
        self.serviceAccountName = serviceAccountName
    }
}

public struct PodPhase: OpenEnum {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let pending: PodPhase = "Pending"
    public static let running: PodPhase = "Running"
    public static let succeeded: PodPhase = "Succeeded"
    public static let failed: PodPhase = "Failed"
    public static let unknown: PodPhase = "Unknown"
    public static let knownValues: [PodPhase] = [.pending, .running, .succeeded, .failed, .unknown]
}

public struct PodCondition: Codable, Hashable, Sendable {
    public var type: String
    public var status: String
    public var reason: String?
    public var message: String?
    public var lastTransitionTime: String?
    public var lastProbeTime: String?

    public init(type: String, status: String, reason: String? = nil, message: String? = nil,
                lastTransitionTime: String? = nil, lastProbeTime: String? = nil) {
        self.type = type
        self.status = status
        self.reason = reason
        self.message = message
        self.lastTransitionTime = lastTransitionTime
        self.lastProbeTime = lastProbeTime
    }
}

public struct PodStatus: Codable, Hashable, Sendable {
    public var phase: PodPhase?
    public var conditions: [PodCondition]?
    public var nominatedNodeName: String?
    public var startTime: String?

    public init(phase: PodPhase? = nil, conditions: [PodCondition]? = nil, nominatedNodeName: String? = nil, startTime: String? = nil) {
        self.phase = phase
        self.conditions = conditions
        self.nominatedNodeName = nominatedNodeName
        self.startTime = startTime
    }

    public func condition(_ type: String) -> PodCondition? {
        conditions?.first { $0.type == type }
    }
}

public struct PodTemplateSpec: Codable, Hashable, Sendable, DecodesMissingAsEmpty {
    public var metadata: ObjectMeta
    public var spec: PodSpec

    public init() {
        self.init(metadata: ObjectMeta(), spec: PodSpec())
    }

    public init(metadata: ObjectMeta, spec: PodSpec) {
        self.metadata = metadata
        self.spec = spec
    }
}
