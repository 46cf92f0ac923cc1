/// `karpenter.azure.com/v1alpha2` AKSNodeClass: Azure-specific node settings. Cluster-scoped;
/// `spec` and `status` are both optional.
public struct AKSNodeClass: KubernetesObject, Hashable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: AKSNodeClassSpec?
    public var status: AKSNodeClassStatus?

    public init(apiVersion: String? = KarpenterAPIGroup.azureV1alpha2, kind: String? = KarpenterKind.aksNodeClass,
                metadata: ObjectMeta = ObjectMeta(), spec: AKSNodeClassSpec? = AKSNodeClassSpec(), status: AKSNodeClassStatus? = nil) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

public struct ImageFamily: OpenEnum {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let ubuntu: ImageFamily = "Ubuntu"
    public static let ubuntu2204: ImageFamily = "Ubuntu2204"
    public static let ubuntu2404: ImageFamily = "Ubuntu2404"
    public static let azureLinux: ImageFamily = "AzureLinux"
    public static let knownValues: [ImageFamily] = [.ubuntu, .ubuntu2204, .ubuntu2404, .azureLinux]
}

public struct FIPSMode: OpenEnum {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let fips: FIPSMode = "FIPS"
    public static let disabled: FIPSMode = "Disabled"
    public static let knownValues: [FIPSMode] = [.fips, .disabled]
}

/// Every field of API.md section 1.1. Defaults (imageFamily Ubuntu, osDiskSizeGB 128) are applied
/// by the defaulter, not here, so a decoded object says exactly what the user wrote.
public struct AKSNodeClassSpec: Codable, Hashable, Sendable, DecodesMissingAsEmpty {
    public var vnetSubnetID: String?
    public var osDiskSizeGB: Int?
    public var imageFamily: ImageFamily?
    public var fipsMode: FIPSMode?
    /// Azure resource tags for VMs, NICs and disks.
    public var tags: [String: String]?
    public var kubelet: AKSKubeletConfiguration?
    public var maxPods: Int?
    public var security: AKSSecurity?
    public var localDNS: LocalDNS?
    public var gpu: AKSGPU?
    public var artifactStreaming: ArtifactStreaming?
    public var linuxOSConfig: LinuxOSConfig?

    public init() {}

    public init(
        vnetSubnetID: String? = nil, osDiskSizeGB: Int? = nil, imageFamily: ImageFamily? = nil,
        fipsMode: FIPSMode? = nil, tags: [String: String]? = nil, kubelet: AKSKubeletConfiguration? = nil,
        maxPods: Int? = nil, security: AKSSecurity? = nil, localDNS: LocalDNS? = nil, gpu: AKSGPU? = nil,
        artifactStreaming: ArtifactStreaming? = nil, linuxOSConfig: LinuxOSConfig? = nil
    ) {
        self.vnetSubnetID = vnetSubnetID
        self.osDiskSizeGB = osDiskSizeGB
        self.imageFamily = imageFamily
        self.fipsMode = fipsMode
        self.tags = tags
        self.kubelet = kubelet
        self.maxPods = maxPods
        self.security = security
        self.localDNS = localDNS
        self.gpu = gpu
        self.artifactStreaming = artifactStreaming
        self.linuxOSConfig = linuxOSConfig
    }
}

public struct LocalDNSState: OpenEnum {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let enabled: LocalDNSState = "Enabled"
    public static let disabled: LocalDNSState = "Disabled"
    public static let knownValues: [LocalDNSState] = [.enabled, .disabled]
}

/// A resolved node image; `status.images` is in priority order (first compatible wins).
public struct NodeImage: Codable, Hashable, Sendable {
    public var id: String
    public var requirements: [NodeSelectorRequirement]

    public init(id: String, requirements: [NodeSelectorRequirement] = []) {
        self.id = id
        self.requirements = requirements
    }
}

public struct AKSNodeClassStatus: Codable, Hashable, Sendable {
    public var conditions: [Condition]?
    public var images: [NodeImage]?
    /// API-server version without the leading `v`, e.g. `1.31.2`.
    public var kubernetesVersion: String?
    public var localDNSState: LocalDNSState?

    public init(conditions: [Condition]? = nil, images: [NodeImage]? = nil, kubernetesVersion: String? = nil,
                localDNSState: LocalDNSState? = nil) {
        self.conditions = conditions
        self.images = images
        self.kubernetesVersion = kubernetesVersion
        self.localDNSState = localDNSState
    }
}
