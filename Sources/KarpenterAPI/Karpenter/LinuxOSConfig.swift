public struct TransparentHugePageEnabled: OpenEnum {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let always: TransparentHugePageEnabled = "always"
    public static let madvise: TransparentHugePageEnabled = "madvise"
    public static let never: TransparentHugePageEnabled = "never"
    public static let knownValues: [TransparentHugePageEnabled] = [.always, .madvise, .never]
}

public struct TransparentHugePageDefrag: OpenEnum {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let always: TransparentHugePageDefrag = "always"
    public static let `defer`: TransparentHugePageDefrag = "defer"
    public static let deferMadvise: TransparentHugePageDefrag = "defer+madvise"
    public static let madvise: TransparentHugePageDefrag = "madvise"
    public static let never: TransparentHugePageDefrag = "never"
    public static let knownValues: [TransparentHugePageDefrag] = [.always, .defer, .deferMadvise, .madvise, .never]
}

/// AKSNodeClass `spec.linuxOSConfig`.
public struct LinuxOSConfig: Codable, Hashable, Sendable {
    /// Integer plus mandatory unit, e.g. `1500Mi`; requires `kubelet.failSwapOn: false`.
    public var swapFileSize: String?
    public var transparentHugePageEnabled: TransparentHugePageEnabled?
    public var transparentHugePageDefrag: TransparentHugePageDefrag?
    public var sysctls: Sysctls?

    public init(swapFileSize: String? = nil, transparentHugePageEnabled: TransparentHugePageEnabled? = nil,
                transparentHugePageDefrag: TransparentHugePageDefrag? = nil, sysctls: Sysctls? = nil) {
        self.swapFileSize = swapFileSize
        self.transparentHugePageEnabled = transparentHugePageEnabled
        self.transparentHugePageDefrag = transparentHugePageDefrag
        self.sysctls = sysctls
    }
}

/// Kernel parameters, named after the sysctl (`netCoreSomaxconn` = `net.core.somaxconn`).
/// Ranges are checked by validation (API.md 1.1).
public struct Sysctls: Codable, Hashable, Sendable {
    public var fsAioMaxNr: Int?
    public var fsFileMax: Int?
    public var fsInotifyMaxUserWatches: Int?
    public var fsNrOpen: Int?
    public var kernelThreadsMax: Int?
    public var netCoreNetdevMaxBacklog: Int?
    public var netCoreOptmemMax: Int?
    public var netCoreRmemDefault: Int?
    public var netCoreRmemMax: Int?
    public var netCoreSomaxconn: Int?
    public var netCoreWmemDefault: Int?
    public var netCoreWmemMax: Int?
    /// `"first last"`, e.g. `"32768 60999"`.
    public var netIPv4IPLocalPortRange: String?
    public var netIPv4NeighDefaultGcThresh1: Int?
    public var netIPv4NeighDefaultGcThresh2: Int?
    public var netIPv4NeighDefaultGcThresh3: Int?
    public var netIPv4TCPFinTimeout: Int?
    public var netIPv4TCPKeepaliveIntvl: Int?
    public var netIPv4TCPKeepaliveProbes: Int?
    public var netIPv4TCPKeepaliveTime: Int?
    public var netIPv4TCPMaxSynBacklog: Int?
    public var netIPv4TCPMaxTwBuckets: Int?
    public var netIPv4TCPTwReuse: Bool?
    public var netNetfilterNfConntrackBuckets: Int?
    public var netNetfilterNfConntrackMax: Int?
    public var vmMaxMapCount: Int?
    public var vmSwappiness: Int?
    public var vmVfsCachePressure: Int?

    public init(
        fsAioMaxNr: Int? = nil,
        fsFileMax: Int? = nil,
        fsInotifyMaxUserWatches: Int? = nil,
        fsNrOpen: Int? = nil,
        kernelThreadsMax: Int? = nil,
        netCoreNetdevMaxBacklog: Int? = nil,
        netCoreOptmemMax: Int? = nil,
        netCoreRmemDefault: Int? = nil,
        netCoreRmemMax: Int? = nil,
        netCoreSomaxconn: Int? = nil,
        netCoreWmemDefault: Int? = nil,
        netCoreWmemMax: Int? = nil,
        netIPv4IPLocalPortRange: String? = nil,
        netIPv4NeighDefaultGcThresh1: Int? = nil,
        netIPv4NeighDefaultGcThresh2: Int? = nil,
        netIPv4NeighDefaultGcThresh3: Int? = nil,
        netIPv4TCPFinTimeout: Int? = nil,
        netIPv4TCPKeepaliveIntvl: Int? = nil,
        netIPv4TCPKeepaliveProbes: Int? = nil,
        netIPv4TCPKeepaliveTime: Int? = nil,
        netIPv4TCPMaxSynBacklog: Int? = nil,
        netIPv4TCPMaxTwBuckets: Int? = nil,
        netIPv4TCPTwReuse: Bool? = nil,
        netNetfilterNfConntrackBuckets: Int? = nil,
        netNetfilterNfConntrackMax: Int? = nil,
        vmMaxMapCount: Int? = nil,
        vmSwappiness: Int? = nil,
        vmVfsCachePressure: Int? = nil
    ) {
        self.fsAioMaxNr = fsAioMaxNr
        self.fsFileMax = fsFileMax
        self.fsInotifyMaxUserWatches = fsInotifyMaxUserWatches
        self.fsNrOpen = fsNrOpen
        self.kernelThreadsMax = kernelThreadsMax
        self.netCoreNetdevMaxBacklog = netCoreNetdevMaxBacklog
        self.netCoreOptmemMax = netCoreOptmemMax
        self.netCoreRmemDefault = netCoreRmemDefault
        self.netCoreRmemMax = netCoreRmemMax
        self.netCoreSomaxconn = netCoreSomaxconn
        self.netCoreWmemDefault = netCoreWmemDefault
        self.netCoreWmemMax = netCoreWmemMax
        self.netIPv4IPLocalPortRange = netIPv4IPLocalPortRange
        self.netIPv4NeighDefaultGcThresh1 = netIPv4NeighDefaultGcThresh1
        self.netIPv4NeighDefaultGcThresh2 = netIPv4NeighDefaultGcThresh2
        self.netIPv4NeighDefaultGcThresh3 = netIPv4NeighDefaultGcThresh3
        self.netIPv4TCPFinTimeout = netIPv4TCPFinTimeout
        self.netIPv4TCPKeepaliveIntvl = netIPv4TCPKeepaliveIntvl
        self.netIPv4TCPKeepaliveProbes = netIPv4TCPKeepaliveProbes
        self.netIPv4TCPKeepaliveTime = netIPv4TCPKeepaliveTime
        self.netIPv4TCPMaxSynBacklog = netIPv4TCPMaxSynBacklog
        self.netIPv4TCPMaxTwBuckets = netIPv4TCPMaxTwBuckets
        self.netIPv4TCPTwReuse = netIPv4TCPTwReuse
        self.netNetfilterNfConntrackBuckets = netNetfilterNfConntrackBuckets
        self.netNetfilterNfConntrackMax = netNetfilterNfConntrackMax
        self.vmMaxMapCount = vmMaxMapCount
        self.vmSwappiness = vmSwappiness
        self.vmVfsCachePressure = vmVfsCachePressure
    }
}
