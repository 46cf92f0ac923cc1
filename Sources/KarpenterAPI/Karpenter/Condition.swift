public struct ConditionStatus: OpenEnum {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let `true`: ConditionStatus = "True"
    public static let `false`: ConditionStatus = "False"
    public static let unknown: ConditionStatus = "Unknown"
    public static let knownValues: [ConditionStatus] = [.true, .false, .unknown]
}

/// The operatorpkg status condition shared by NodePool, NodeClaim and AKSNodeClass.
public struct Condition: Codable, Hashable, Sendable {
    public var type: String
    public var status: ConditionStatus
    public var reason: String?
    public var message: String?
    /// RFC 3339.
    public var lastTransitionTime: String?
    public var observedGeneration: Int64?
    /// v1beta1 NodeClaims only; dropped in v1.
    public var severity: String?

    public init(type: String, status: ConditionStatus, reason: String? = nil, message: String? = nil,
                lastTransitionTime: String? = nil, observedGeneration: Int64? = nil, severity: String? = nil) {
        self.type = type
        self.status = status
        self.reason = reason
        self.message = message
        self.lastTransitionTime = lastTransitionTime
        self.observedGeneration = observedGeneration
        self.severity = severity
    }

    public var isTrue: Bool { status == .true }
}

/// Condition type names (API.md sections 1.6 and 3).
public enum ConditionType {
    public static let ready = "Ready"
    // NodeClaim
    public static let launched = "Launched"
    public static let registered = "Registered"
    public static let initialized = "Initialized"
    public static let consolidatable = "Consolidatable"
    public static let drifted = "Drifted"
    public static let drained = "Drained"
    public static let volumesDetached = "VolumesDetached"
    public static let instanceTerminating = "InstanceTerminating"
    public static let consistentStateFound = "ConsistentStateFound"
    public static let disruptionReason = "DisruptionReason"
    // NodePool
    public static let validationSucceeded = "ValidationSucceeded"
    public static let nodeClassReady = "NodeClassReady"
    public static let nodeRegistrationHealthy = "NodeRegistrationHealthy"
    // AKSNodeClass
    public static let imagesReady = "ImagesReady"
    public static let kubernetesVersionReady = "KubernetesVersionReady"
    public static let subnetsReady = "SubnetsReady"
    public static let localDNSReady = "LocalDNSReady"
}

extension Array where Element == Condition {
    public func condition(_ type: String) -> Condition? {
        first { $0.type == type }
    }
}
