/// Only what scheduling needs: which PVC a volume names, or that it is a generic ephemeral volume.
public struct Volume: Codable, Hashable, Sendable {
    public var name: String
    public var persistentVolumeClaim: PersistentVolumeClaimVolumeSource?
    public var ephemeral: EphemeralVolumeSource?

    public init(name: String, persistentVolumeClaim: PersistentVolumeClaimVolumeSource? = nil, ephemeral: EphemeralVolumeSource? = nil) {
        self.name = name
        self.persistentVolumeClaim = persistentVolumeClaim
        self.ephemeral = ephemeral
    }
}

public struct PersistentVolumeClaimVolumeSource: Codable, Hashable, Sendable {
    public var claimName: String
    public var readOnly: Bool?

    public init(claimName: String, readOnly: Bool? = nil) {
        self.claimName = claimName
        self.readOnly = readOnly
    }
}

/// The generated claim is named `<pod name>-<volume name>`.
public struct EphemeralVolumeSource: Codable, Hashable, Sendable {
    public var volumeClaimTemplate: PersistentVolumeClaimTemplate?

    public init(volumeClaimTemplate: PersistentVolumeClaimTemplate? = nil) {
        self.volumeClaimTemplate = volumeClaimTemplate
    }
}

public struct PersistentVolumeClaimTemplate: Codable, Hashable, Sendable {
    public var spec: PersistentVolumeClaimTemplateSpec?

    public init(spec: PersistentVolumeClaimTemplateSpec? = nil) {
        self.spec = spec
    }
}

public struct PersistentVolumeClaimTemplateSpec: Codable, Hashable, Sendable {
    public var storageClassName: String?

    public init(storageClassName: String? = nil) {
        self.storageClassName = storageClassName
    }
}
