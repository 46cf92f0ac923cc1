public struct ResourceRequirements: Codable, Hashable, Sendable, DecodesMissingAsEmpty {
    public var requests: ResourceList?
    public var limits: ResourceList?

    public init() {}

    public init(requests: ResourceList? = nil, limits: ResourceList? = nil) {
        self.requests = requests
        self.limits = limits
    }
}

public struct ContainerPort: Codable, Hashable, Sendable {
    public var name: String?
    public var containerPort: Int
    /// 0 or absent: no host port.
    public var hostPort: Int?
    /// Absent means TCP.
    public var `protocol`: String?
    /// Absent means 0.0.0.0.
    public var hostIP: String?

    public init(name: String? = nil, containerPort: Int, hostPort: Int? = nil, protocol: String? = nil, hostIP: String? = nil) {
        self.name = name
        self.containerPort = containerPort
        self.hostPort = hostPort
        self.protocol = `protocol`
        self.hostIP = hostIP
    }
}

public struct Container: Codable, Hashable, Sendable {
    public var name: String
    public var image: String?
    public var ports: [ContainerPort]?
    public var resources: ResourceRequirements?
    /// Only on init containers: `Always` makes it a sidecar that runs for the pod's lifetime.
    public var restartPolicy: String?

    public init(
        name: String, image: String? = nil, ports: [ContainerPort]? = nil,
        resources: ResourceRequirements? = nil, restartPolicy: String? = nil
    ) {
        self.name = name
        self.image = image
        self.ports = ports
        self.resources = resources
        self.restartPolicy = restartPolicy
    }

    public var isSidecar: Bool { restartPolicy == "Always" }
}
