// Smaller AKSNodeClass spec blocks: security, GPU driver, artifact streaming.

public struct AKSSecurity: Codable, Hashable, Sendable {
    public var encryptionAtHost: Bool?
    public var trustedLaunch: TrustedLaunch?

    public init(encryptionAtHost: Bool? = nil, trustedLaunch: TrustedLaunch? = nil) {
        self.encryptionAtHost = encryptionAtHost
        self.trustedLaunch = trustedLaunch
    }
}

public struct TrustedLaunch: Codable, Hashable, Sendable {
    public var vtpm: Bool?
    public var secureBoot: Bool?

    public init(vtpm: Bool? = nil, secureBoot: Bool? = nil) {
        self.vtpm = vtpm
        self.secureBoot = secureBoot
    }

    /// "TL on" in the CEL rules: a flag that is present and true (present-but-false does not count).
    public var isOn: Bool { vtpm == true || secureBoot == true }
}

public struct GPUMode: OpenEnum {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let driver: GPUMode = "Driver"
    /// `None`: do not install a GPU driver.
    public static let noDriver: GPUMode = "None"
    public static let knownValues: [GPUMode] = [.driver, .noDriver]
}

public struct AKSGPU: Codable, Hashable, Sendable {
    /// Default `Driver` (install the GPU driver).
    public var mode: GPUMode?

    public init(mode: GPUMode? = nil) {
        self.mode = mode
    }
}

public struct ArtifactStreaming: Codable, Hashable, Sendable {
    public var enabled: Bool?

    public init(enabled: Bool? = nil) {
        self.enabled = enabled
    }
}
