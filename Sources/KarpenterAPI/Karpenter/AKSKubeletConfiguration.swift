public struct CPUManagerPolicy: OpenEnum {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    /// `none` (named so it cannot be confused with `Optional.none`).
    public static let noPolicy: CPUManagerPolicy = "none"
    public static let `static`: CPUManagerPolicy = "static"
    public static let knownValues: [CPUManagerPolicy] = [.noPolicy, .static]
}

public struct TopologyManagerPolicy: OpenEnum {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let restricted: TopologyManagerPolicy = "restricted"
    public static let bestEffort: TopologyManagerPolicy = "best-effort"
    /// `none`.
    public static let noPolicy: TopologyManagerPolicy = "none"
    public static let singleNUMANode: TopologyManagerPolicy = "single-numa-node"
    public static let knownValues: [TopologyManagerPolicy] = [.restricted, .bestEffort, .noPolicy, .singleNUMANode]
}

/// AKSNodeClass `spec.kubelet`.
public struct AKSKubeletConfiguration: Codable, Hashable, Sendable {
    public var cpuManagerPolicy: CPUManagerPolicy?
    public var cpuCFSQuota: Bool?
    /// Go duration, default `100ms`.
    public var cpuCFSQuotaPeriod: String?
    public var imageGCHighThresholdPercent: Int?
    public var imageGCLowThresholdPercent: Int?
    public var topologyManagerPolicy: TopologyManagerPolicy?
    public var allowedUnsafeSysctls: [String]?
    /// Integer plus mandatory unit, e.g. `50Mi`.
    public var containerLogMaxSize: String?
    public var containerLogMaxFiles: Int?
    public var podPidsLimit: Int64?
    public var failSwapOn: Bool?

    public init(
        cpuManagerPolicy: CPUManagerPolicy? = nil, cpuCFSQuota: Bool? = nil, cpuCFSQuotaPeriod: String? = nil,
        imageGCHighThresholdPercent: Int? = nil, imageGCLowThresholdPercent: Int? = nil,
        topologyManagerPolicy: TopologyManagerPolicy? = nil, allowedUnsafeSysctls: [String]? = nil,
        containerLogMaxSize: String? = nil, containerLogMaxFiles: Int? = nil, podPidsLimit: Int64? = nil,
        failSwapOn: Bool? = nil
    ) {
        self.cpuManagerPolicy = cpuManagerPolicy
        self.cpuCFSQuota = cpuCFSQuota
        self.cpuCFSQuotaPeriod = cpuCFSQuotaPeriod
        self.imageGCHighThresholdPercent = imageGCHighThresholdPercent
        self.imageGCLowThresholdPercent = imageGCLowThresholdPercent
        self.topologyManagerPolicy = topologyManagerPolicy
        self.allowedUnsafeSysctls = allowedUnsafeSysctls
        self.containerLogMaxSize = containerLogMaxSize
        self.containerLogMaxFiles = containerLogMaxFiles
        self.podPidsLimit = podPidsLimit
        self.failSwapOn = failSwapOn
    }
}
