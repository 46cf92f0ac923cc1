public struct LocalDNSMode: OpenEnum {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let preferred: LocalDNSMode = "Preferred"
    public static let required: LocalDNSMode = "Required"
    public static let disabled: LocalDNSMode = "Disabled"
    public static let knownValues: [LocalDNSMode] = [.preferred, .required, .disabled]
}

/// AKSNodeClass `spec.localDNS`: a node-local DNS proxy. All three fields are required by the API.
public struct LocalDNS: Codable, Hashable, Sendable {
    public var mode: LocalDNSMode?
    /// Zones resolved for pods using the VNet DNS (dnsPolicy Default); must include `.` and `cluster.local`.
    public var vnetDNSOverrides: [ZoneOverride]?
    /// Zones resolved for pods using cluster DNS (dnsPolicy ClusterFirst); must include `.` and `cluster.local`.
    public var kubeDNSOverrides: [ZoneOverride]?

    public init(mode: LocalDNSMode? = nil, vnetDNSOverrides: [ZoneOverride]? = nil, kubeDNSOverrides: [ZoneOverride]? = nil) {
        self.mode = mode
        self.vnetDNSOverrides = vnetDNSOverrides
        self.kubeDNSOverrides = kubeDNSOverrides
    }
}

public struct QueryLogging: OpenEnum {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let error: QueryLogging = "Error"
    public static let log: QueryLogging = "Log"
    public static let knownValues: [QueryLogging] = [.error, .log]
}

public struct DNSProtocol: OpenEnum {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let preferUDP: DNSProtocol = "PreferUDP"
    public static let forceTCP: DNSProtocol = "ForceTCP"
    public static let knownValues: [DNSProtocol] = [.preferUDP, .forceTCP]
}

public struct ForwardDestination: OpenEnum {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let clusterCoreDNS: ForwardDestination = "ClusterCoreDNS"
    public static let vnetDNS: ForwardDestination = "VnetDNS"
    public static let knownValues: [ForwardDestination] = [.clusterCoreDNS, .vnetDNS]
}

public struct ForwardPolicy: OpenEnum {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let sequential: ForwardPolicy = "Sequential"
    public static let roundRobin: ForwardPolicy = "RoundRobin"
    public static let random: ForwardPolicy = "Random"
    public static let knownValues: [ForwardPolicy] = [.sequential, .roundRobin, .random]
}

public struct ServeStale: OpenEnum {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let verify: ServeStale = "Verify"
    public static let immediate: ServeStale = "Immediate"
    public static let disable: ServeStale = "Disable"
    public static let knownValues: [ServeStale] = [.verify, .immediate, .disable]
}

/// One DNS zone's handling. Every field is required by the API; optional here so that decoding
/// never fails and validation can name what is missing.
public struct ZoneOverride: Codable, Hashable, Sendable {
    public var zone: String?
    public var queryLogging: QueryLogging?
    public var `protocol`: DNSProtocol?
    public var forwardDestination: ForwardDestination?
    public var forwardPolicy: ForwardPolicy?
    public var maxConcurrent: Int?
    /// e.g. `1h`, `2h15m30s` (s/m/h only).
    public var cacheDuration: String?
    public var serveStaleDuration: String?
    public var serveStale: ServeStale?

    public init(
        zone: String? = nil, queryLogging: QueryLogging? = nil, protocol: DNSProtocol? = nil,
        forwardDestination: ForwardDestination? = nil, forwardPolicy: ForwardPolicy? = nil,
        maxConcurrent: Int? = nil, cacheDuration: String? = nil, serveStaleDuration: String? = nil,
        serveStale: ServeStale? = nil
    ) {
        self.zone = zone
        self.queryLogging = queryLogging
        self.protocol = `protocol`
        self.forwardDestination = forwardDestination
        self.forwardPolicy = forwardPolicy
        self.maxConcurrent = maxConcurrent
        self.cacheDuration = cacheDuration
        self.serveStaleDuration = serveStaleDuration
        self.serveStale = serveStale
    }
}
