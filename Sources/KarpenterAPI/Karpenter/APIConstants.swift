/// API groups, versions and kinds (API.md sections 1–3, 5).
public enum KarpenterAPIGroup {
    public static let core = "karpenter.sh"
    public static let azure = "karpenter.azure.com"
    /// Holds the annotations core Karpenter writes while converting between API versions.
    public static let compatibility = "compatibility.karpenter.sh"

    public static let coreV1 = "karpenter.sh/v1"
    public static let coreV1beta1 = "karpenter.sh/v1beta1"
    public static let azureV1alpha2 = "karpenter.azure.com/v1alpha2"
    public static let azureV1beta1 = "karpenter.azure.com/v1beta1"
}

public enum KarpenterKind {
    public static let nodePool = "NodePool"
    public static let nodeClaim = "NodeClaim"
    public static let aksNodeClass = "AKSNodeClass"
}

/// Annotation keys written or read by core Karpenter and the Azure provider.
public enum KarpenterAnnotation {
    /// JSON of a v1beta1 NodePool's `spec.template.spec.kubelet`, kept on the v1 object so a
    /// conversion back to v1beta1 can restore it.
    public static let kubeletCompatibility = "compatibility.karpenter.sh/v1beta1-kubelet-conversion"
    /// JSON of a v1beta1 NodeClaim's `spec.nodeClassRef` when its v1 form alone cannot give it
    /// back (a missing kind or apiVersion, or a version other than v1alpha2).
    public static let nodeClassReferenceCompatibility = "compatibility.karpenter.sh/v1beta1-nodeclass-reference"
    /// JSON of a v1 NodeClaim's fields v1beta1 lacks (`expireAfter`, `terminationGracePeriod`,
    /// a nodeClassRef group other than karpenter.azure.com), kept on the v1beta1 view so a
    /// conversion back to v1 restores them.
    public static let nodeClaimV1SpecCompatibility = "compatibility.karpenter.sh/v1-nodeclaim-spec"
    public static let doNotDisrupt = "karpenter.sh/do-not-disrupt"
    public static let nodePoolHash = "karpenter.sh/nodepool-hash"
    public static let nodePoolHashVersion = "karpenter.sh/nodepool-hash-version"
    public static let nodeClaimMinValuesRelaxed = "karpenter.sh/nodeclaim-min-values-relaxed"
    public static let nodeClassHash = "karpenter.azure.com/aksnodeclass-hash"
    public static let nodeClassHashVersion = "karpenter.azure.com/aksnodeclass-hash-version"
}

/// Well-known and restricted label keys (API.md section 6).
public enum WellKnownLabel {
    public static let nodePool = "karpenter.sh/nodepool"
    public static let capacityType = "karpenter.sh/capacity-type"
    public static let zone = "topology.kubernetes.io/zone"
    public static let region = "topology.kubernetes.io/region"
    public static let instanceType = "node.kubernetes.io/instance-type"
    public static let arch = "kubernetes.io/arch"
    public static let os = "kubernetes.io/os"
    public static let windowsBuild = "node.kubernetes.io/windows-build"
    public static let hostname = "kubernetes.io/hostname"

    public static let aksNodeClass = "karpenter.azure.com/aksnodeclass"
    public static let skuName = "karpenter.azure.com/sku-name"
    public static let skuFamily = "karpenter.azure.com/sku-family"
    public static let skuSeries = "karpenter.azure.com/sku-series"
    public static let skuVersion = "karpenter.azure.com/sku-version"
    public static let skuCPU = "karpenter.azure.com/sku-cpu"
    public static let skuMemory = "karpenter.azure.com/sku-memory"
    public static let aksSKUCPU = "kubernetes.azure.com/sku-cpu"
    public static let aksSKUMemory = "kubernetes.azure.com/sku-memory"
    public static let skuNetworkingAccelerated = "karpenter.azure.com/sku-networking-accelerated"
    public static let skuStoragePremiumCapable = "karpenter.azure.com/sku-storage-premium-capable"
    public static let skuStorageEphemeralOSMaxSize = "karpenter.azure.com/sku-storage-ephemeralos-maxsize"
    public static let skuStorageUltraSSD = "karpenter.azure.com/sku-storage-ultra-ssd"
    public static let skuGPUName = "karpenter.azure.com/sku-gpu-name"
    public static let skuGPUManufacturer = "karpenter.azure.com/sku-gpu-manufacturer"
    public static let skuGPUCount = "karpenter.azure.com/sku-gpu-count"
    public static let placementScope = "karpenter.azure.com/placement-scope"
    /// Restricted but allowed-undefined: used only to match images.
    public static let skuHyperVGeneration = "karpenter.azure.com/sku-hyperv-generation"
    public static let aksCluster = "kubernetes.azure.com/cluster"
    public static let aksMode = "kubernetes.azure.com/mode"
    public static let aksScaleSetPriority = "kubernetes.azure.com/scalesetpriority"
    public static let aksPriority = "kubernetes.azure.com/priority"
    public static let aksOSSKU = "kubernetes.azure.com/os-sku"
    public static let aksFIPSEnabled = "kubernetes.azure.com/fips_enabled"

    /// Core well-known labels, in API.md order.
    public static let core: [String] = [nodePool, zone, region, instanceType, arch, os, capacityType, windowsBuild]

    /// Labels the Azure provider registers as well-known.
    public static let azure: [String] = [
        skuName, skuFamily, skuSeries, skuVersion, skuCPU, skuMemory, aksSKUCPU, aksSKUMemory,
        skuNetworkingAccelerated, skuStoragePremiumCapable, skuStorageEphemeralOSMaxSize, skuStorageUltraSSD,
        skuGPUName, skuGPUManufacturer, skuGPUCount, placementScope, aksCluster, aksMode,
        aksScaleSetPriority, aksPriority, aksOSSKU, aksFIPSEnabled,
    ]

    public static let all: Set<String> = Set(core + azure)

    /// Label domains no user may set at runtime (core + Azure provider).
    public static let restrictedDomains: [String] = ["karpenter.sh", "karpenter.azure.com"]
    /// Exact label keys no user may set at runtime.
    public static let restrictedLabels: Set<String> = [hostname]

    /// Deprecated keys core rewrites to their current name before validation and scheduling.
    public static let normalizedKeys: [String: String] = [
        "failure-domain.beta.kubernetes.io/zone": zone,
        "failure-domain.beta.kubernetes.io/region": region,
        "beta.kubernetes.io/arch": arch,
        "beta.kubernetes.io/os": os,
        "beta.kubernetes.io/instance-type": instanceType,
        "topology.disk.csi.azure.com/zone": zone,
    ]

    /// The current name of a possibly deprecated key.
    public static func normalize(_ key: String) -> String { normalizedKeys[key] ?? key }
}

/// Well-known taints Karpenter itself places or recognises.
public enum WellKnownTaint {
    public static let disruptedKey = "karpenter.sh/disrupted"
    public static let unregisteredKey = "karpenter.sh/unregistered"
}
