/// Operator-level settings that shape every instance type (INSTANCETYPES.md §2–§3).
public struct AzureOperatorOptions: Sendable, Hashable {
    /// The operator's LOCATION, e.g. `eastus`.
    public var region: String
    /// Share of VM memory the hypervisor keeps (env `VM_MEMORY_OVERHEAD_PERCENT`).
    public var vmMemoryOverheadPercent: Double
    /// `--network-plugin`: `azure`, `none`, `kubenet`, …
    public var networkPlugin: String
    /// `--network-plugin-mode`: `overlay` or empty.
    public var networkPluginMode: String
    /// `AZURE_NODE_RESOURCE_GROUP`; when set, instance types carry `kubernetes.azure.com/cluster`.
    public var nodeResourceGroup: String?

    public init(region: String, vmMemoryOverheadPercent: Double = 0.075, networkPlugin: String = "azure",
                networkPluginMode: String = "overlay", nodeResourceGroup: String? = nil) {
        self.region = region
        self.vmMemoryOverheadPercent = vmMemoryOverheadPercent
        self.networkPlugin = networkPlugin
        self.networkPluginMode = networkPluginMode
        self.nodeResourceGroup = nodeResourceGroup
    }
}

/// The AKSNodeClass fields instance types depend on (INSTANCETYPES.md §2.1, §5, §6).
public struct AzureNodeClassParameters: Sendable, Hashable {
    public enum GPUMode: String, Sendable, Hashable { case driver = "Driver", none = "None" }

    /// `spec.imageFamily`: `Ubuntu`, `Ubuntu2204`, `Ubuntu2404`, `AzureLinux` (CRD default `Ubuntu`).
    public var imageFamily: String
    public var osDiskSizeGB: Int64
    /// `spec.maxPods`; nil = network-plugin default.
    public var maxPods: Int64?
    public var encryptionAtHost: Bool
    public var localDNSEnabled: Bool
    public var gpuMode: GPUMode
    /// Only an explicit `artifactStreaming.enabled: true` counts.
    public var artifactStreamingEnabled: Bool
    /// vTPM or secure boot requested.
    public var trustedLaunch: Bool
    public var fipsMode: Bool

    public init(imageFamily: String = "Ubuntu", osDiskSizeGB: Int64 = 128, maxPods: Int64? = nil,
                encryptionAtHost: Bool = false, localDNSEnabled: Bool = false, gpuMode: GPUMode = .driver,
                artifactStreamingEnabled: Bool = false, trustedLaunch: Bool = false, fipsMode: Bool = false) {
        self.imageFamily = imageFamily
        self.osDiskSizeGB = osDiskSizeGB
        self.maxPods = maxPods
        self.encryptionAtHost = encryptionAtHost
        self.localDNSEnabled = localDNSEnabled
        self.gpuMode = gpuMode
        self.artifactStreamingEnabled = artifactStreamingEnabled
        self.trustedLaunch = trustedLaunch
        self.fipsMode = fipsMode
    }

    /// `kubernetes.azure.com/os-sku` value.
    public var osSKU: String { imageFamily == "AzureLinux" ? "AzureLinux" : "Ubuntu" }

    /// OS ids in supported-gpus that make a GPU size usable with this image family; empty
    /// (unknown family) excludes every GPU size.
    public var gpuOperatingSystems: Set<String> {
        switch imageFamily {
        case "Ubuntu", "Ubuntu2204", "Ubuntu2404": return ["ubuntu"]
        case "AzureLinux": return ["azurelinux", "azurelinux3"]
        default: return []
        }
    }

    /// maxPods: `spec.maxPods`, else by network plugin (INSTANCETYPES.md §2.1).
    public func resolvedMaxPods(_ options: AzureOperatorOptions) -> Int64 {
        if let maxPods { return maxPods }
        switch (options.networkPlugin, options.networkPluginMode) {
        case ("none", _): return 250
        case ("azure", "overlay"): return 250
        case ("azure", ""): return 30
        default: return 110
        }
    }
}
