public struct Node: KubernetesObject, Hashable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: NodeSpec
    public var status: NodeStatus?

    public init(apiVersion: String? = "v1", kind: String? = "Node", metadata: ObjectMeta = ObjectMeta(), spec: NodeSpec = NodeSpec(), status: NodeStatus? = nil) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

public struct NodeSpec: Codable, Hashable, Sendable, DecodesMissingAsEmpty {
    public var providerID: String?
    public var taints: [Taint]?
    public var unschedulable: Bool?
    public var podCIDR: String?
    public var podCIDRs: [String]?

    public init() {}

    public init(providerID: String? = nil, taints: [Taint]? = nil, unschedulable: Bool? = nil, podCIDR: String? = nil, podCIDRs: [String]? = nil) {
        self.providerID = providerID
        self.taints = taints
        self.unschedulable = unschedulable
        self.podCIDR = podCIDR
        self.podCIDRs = podCIDRs
    }
}

public struct NodeCondition: Codable, Hashable, Sendable {
    public var type: String
    public var status: String
    public var reason: String?
    public var message: String?
    public var lastHeartbeatTime: String?
    public var lastTransitionTime: String?

    public init(type: String, status: String, reason: String? = nil, message: String? = nil,
                lastHeartbeatTime: String? = nil, lastTransitionTime: String? = nil) {
        self.type = type
        self.status = status
        self.reason = reason
        self.message = message
        self.lastHeartbeatTime = lastHeartbeatTime
        self.lastTransitionTime = lastTransitionTime
    }
}

public struct NodeSystemInfo: Codable, Hashable, Sendable {
    public var machineID: String?
    public var systemUUID: String?
    public var bootID: String?
    public var kernelVersion: String?
    public var osImage: String?
    public var containerRuntimeVersion: String?
    public var kubeletVersion: String?
    public var kubeProxyVersion: String?
    public var operatingSystem: String?
    public var architecture: String?

    public init(
        machineID: String? = nil, systemUUID: String? = nil, bootID: String? = nil, kernelVersion: String? = nil,
        osImage: String? = nil, containerRuntimeVersion: String? = nil, kubeletVersion: String? = nil,
        kubeProxyVersion: String? = nil, operatingSystem: String? = nil, architecture: String? = nil
    ) {
        self.machineID = machineID
        self.systemUUID = systemUUID
        self.bootID = bootID
        self.kernelVersion = kernelVersion
        self.osImage = osImage
        self.containerRuntimeVersion = containerRuntimeVersion
        self.kubeletVersion = kubeletVersion
        self.kubeProxyVersion = kubeProxyVersion
        self.operatingSystem = operatingSystem
        self.architecture = architecture
    }
}

public struct NodeStatus: Codable, Hashable, Sendable {
    public var capacity: ResourceList?
    public var allocatable: ResourceList?
    public var conditions: [NodeCondition]?
    public var nodeInfo: NodeSystemInfo?

    public init(capacity: ResourceList? = nil, allocatable: ResourceList? = nil,
                conditions: [NodeCondition]? = nil, nodeInfo: NodeSystemInfo? = nil) {
        self.capacity = capacity
        self.allocatable = allocatable
        self.conditions = conditions
        self.nodeInfo = nodeInfo
    }

    public func condition(_ type: String) -> NodeCondition? {
        conditions?.first { $0.type == type }
    }
}
