import KarpenterAPI

/// The AKS node image galleries (CLOUD.md §8): the community gallery's public name, and the
/// Shared Image Gallery resource group and gallery name (which is also the `os` the AKS
/// nodeImageVersions API reports).
public struct NodeImageGallery: Sendable, Hashable {
    public var publicName: String
    public var resourceGroup: String
    public var name: String

    public static let ubuntu = NodeImageGallery(publicName: "AKSUbuntu-38d80f77-467a-481f-a8d4-09b6d4220bd2",
                                                resourceGroup: "AKS-Ubuntu", name: "AKSUbuntu")
    public static let azureLinux = NodeImageGallery(publicName: "AKSAzureLinux-f7c7cda5-1c9a-4bdc-a222-9614c968580b",
                                                    resourceGroup: "AKS-AzureLinux", name: "AKSAzureLinux")
}

/// One gallery image definition ("image name") and the instance types it boots on.
public struct NodeImageDefinition: Sendable, Hashable {
    public var gallery: NodeImageGallery
    /// e.g. `2204gen2containerd`, `V3gen2arm64`.
    public var name: String
    /// `amd64` or `arm64`.
    public var architecture: String
    /// Hyper-V generation `1` or `2`.
    public var hyperVGeneration: String
    /// Only published in the Shared Image Gallery (FIPS images).
    public var requiresSIG: Bool

    public init(gallery: NodeImageGallery, name: String, architecture: String, hyperVGeneration: String, requiresSIG: Bool = false) {
        self.gallery = gallery
        self.name = name
        self.architecture = architecture
        self.hyperVGeneration = hyperVGeneration
        self.requiresSIG = requiresSIG
    }

    /// `kubernetes.io/arch In [arch]`, `karpenter.azure.com/sku-hyperv-generation In [gen]`,
    /// sorted by key length then key (how `status.images` stores them).
    public var requirements: [NodeSelectorRequirement] {
        NodeImageFamilies.sortedRequirements([
            NodeSelectorRequirement(key: WellKnownLabel.arch, operator: .in, values: [architecture]),
            NodeSelectorRequirement(key: WellKnownLabel.skuHyperVGeneration, operator: .in, values: [hyperVGeneration]),
        ])
    }

    /// `/CommunityGalleries/<public>/images/<definition>/versions/<version>`.
    public func communityImageID(version: String) -> String {
        "/CommunityGalleries/\(gallery.publicName)/images/\(name)/versions/\(version)"
    }

    /// The Shared Image Gallery image version ID in `subscription`.
    public func sharedImageID(subscription: String, version: String) -> String {
        "/subscriptions/\(subscription)/resourceGroups/\(gallery.resourceGroup)/providers/Microsoft.Compute/galleries/\(gallery.name)/images/\(name)/versions/\(version)"
    }
}

/// The image family a NodeClass resolves to (the `os-sku-effective` of CLOUD.md §8).
public enum ResolvedImageFamily: String, Sendable, Hashable, CaseIterable {
    /// Ubuntu 20.04 FIPS; reports the name `Ubuntu`.
    case ubuntu2004 = "Ubuntu"
    case ubuntu2204 = "Ubuntu2204"
    case ubuntu2404 = "Ubuntu2404"
    case azureLinux2 = "AzureLinux2"
    case azureLinux3 = "AzureLinux3"
}

/// What decides a NodeClass's images: family, FIPS and trusted launch (from the spec) and the
/// cluster's Kubernetes version. Two NodeClasses with equal inputs have the same definitions.
public struct NodeImageInputs: Sendable, Hashable {
    public var imageFamily: String
    public var fips: Bool
    public var trustedLaunch: Bool
    public var kubernetesVersion: String

    public init(imageFamily: String, fips: Bool, trustedLaunch: Bool, kubernetesVersion: String) {
        self.imageFamily = imageFamily
        self.fips = fips
        self.trustedLaunch = trustedLaunch
        self.kubernetesVersion = kubernetesVersion
    }

    public init(_ nodeClass: AKSNodeClass, kubernetesVersion: String) {
        self.init(imageFamily: nodeClass.spec?.imageFamily?.rawValue ?? "",
                  fips: nodeClass.spec?.fipsMode == .fips,
                  trustedLaunch: nodeClass.spec?.security?.trustedLaunch?.isOn ?? false,
                  kubernetesVersion: kubernetesVersion)
    }
}

/// The image family table and the definitions of each family (CLOUD.md §8).
public enum NodeImageFamilies {
    /// The family for a spec's `imageFamily` (empty = `Ubuntu`), FIPS, trusted launch and the Kubernetes version.
    public static func family(_ inputs: NodeImageInputs) -> ResolvedImageFamily {
        switch inputs.imageFamily {
        case "Ubuntu2204": return .ubuntu2204
        case "Ubuntu2404": return .ubuntu2404
        case "AzureLinux": return isAtLeast(inputs.kubernetesVersion, 1, 32) ? .azureLinux3 : .azureLinux2
        default:
            if inputs.fips && !inputs.trustedLaunch { return .ubuntu2004 }
            if inputs.trustedLaunch { return .ubuntu2204 }
            return isAtLeast(inputs.kubernetesVersion, 1, 34) ? .ubuntu2404 : .ubuntu2204
        }
    }

    /// The definitions to try, in priority order (empty when the combination has no images,
    /// e.g. FIPS on Ubuntu 24.04).
    public static func definitions(_ inputs: NodeImageInputs) -> [NodeImageDefinition] {
        let ubuntu = NodeImageGallery.ubuntu
        let azureLinux = NodeImageGallery.azureLinux
        func amd64(_ gallery: NodeImageGallery, _ name: String, gen: String, sig: Bool = false) -> NodeImageDefinition {
            NodeImageDefinition(gallery: gallery, name: name, architecture: "amd64", hyperVGeneration: gen, requiresSIG: sig)
        }
        func arm64(_ gallery: NodeImageGallery, _ name: String, sig: Bool = false) -> NodeImageDefinition {
            NodeImageDefinition(gallery: gallery, name: name, architecture: "arm64", hyperVGeneration: "2", requiresSIG: sig)
        }
        switch family(inputs) {
        case .ubuntu2004:
            return [amd64(ubuntu, "2004gen2fipscontainerd", gen: "2", sig: true), amd64(ubuntu, "2004fipscontainerd", gen: "1", sig: true)]
        case .ubuntu2204:
            if inputs.fips {
                // FIPS on 22.04 exists only with trusted launch (the CEL rules demand it).
                return inputs.trustedLaunch ? [amd64(ubuntu, "2204gen2fipsTLcontainerd", gen: "2", sig: true)] : []
            }
            if inputs.trustedLaunch { return [amd64(ubuntu, "2204gen2TLcontainerd", gen: "2")] }
            return [amd64(ubuntu, "2204gen2containerd", gen: "2"), amd64(ubuntu, "2204containerd", gen: "1"),
                    arm64(ubuntu, "2204gen2arm64containerd")]
        case .ubuntu2404:
            if inputs.fips { return [] }
            if inputs.trustedLaunch { return [amd64(ubuntu, "2404gen2TLcontainerd", gen: "2")] }
            return [amd64(ubuntu, "2404gen2containerd", gen: "2"), amd64(ubuntu, "2404containerd", gen: "1"),
                    arm64(ubuntu, "2404gen2arm64containerd")]
        case .azureLinux2:
            if inputs.fips { return [amd64(azureLinux, "V2gen2fips", gen: "2", sig: true), amd64(azureLinux, "V2fips", gen: "1", sig: true)] }
            if inputs.trustedLaunch { return [amd64(azureLinux, "V2gen2TL", gen: "2")] }
            return [amd64(azureLinux, "V2gen2", gen: "2"), amd64(azureLinux, "V2", gen: "1"), arm64(azureLinux, "V2gen2arm64")]
        case .azureLinux3:
            if inputs.fips {
                return [amd64(azureLinux, "V3gen2fips", gen: "2", sig: true), amd64(azureLinux, "V3fips", gen: "1", sig: true),
                        arm64(azureLinux, "V3gen2arm64fips", sig: true)]
            }
            if inputs.trustedLaunch { return [amd64(azureLinux, "V3gen2TL", gen: "2")] }
            return [amd64(azureLinux, "V3gen2", gen: "2"), amd64(azureLinux, "V3", gen: "1"), arm64(azureLinux, "V3gen2arm64")]
        }
    }

    /// Every definition of every family (stand-ins seed their galleries with these).
    public static var allDefinitions: [NodeImageDefinition] {
        var seen = Set<String>()
        var result: [NodeImageDefinition] = []
        for family in ["Ubuntu", "Ubuntu2204", "Ubuntu2404", "AzureLinux"] {
            for version in ["1.31.0", "1.34.0"] {
                for (fips, trustedLaunch) in [(false, false), (true, false), (false, true), (true, true)] {
                    for definition in definitions(NodeImageInputs(imageFamily: family, fips: fips, trustedLaunch: trustedLaunch,
                                                                  kubernetesVersion: version))
                    where seen.insert("\(definition.gallery.name)/\(definition.name)").inserted {
                        result.append(definition)
                    }
                }
            }
        }
        return result
    }

    /// Requirements as `status.images` stores them: by key length, then key.
    public static func sortedRequirements(_ requirements: [NodeSelectorRequirement]) -> [NodeSelectorRequirement] {
        requirements.sorted { ($0.key.count, $0.key) < ($1.key.count, $1.key) }
    }

    /// `major.minor` of `version` (a leading `v` and any suffix ignored) is at least `major.minor`.
    public static func isAtLeast(_ version: String, _ major: Int, _ minor: Int) -> Bool {
        let trimmed = version.hasPrefix("v") ? String(version.dropFirst()) : version
        let parts = trimmed.split(separator: ".").prefix(2).map { Int($0.prefix { $0.isNumber }) }
        guard parts.count == 2, let first = parts[0], let second = parts[1] else { return false }
        return (first, second) >= (major, minor)
    }

    /// Dotted numeric versions compared part by part (`202505.27.0` > `202505.9.3`); a longer
    /// version wins a tie; non-numeric parts compare as text.
    public static func isNewer(_ lhs: String, than rhs: String) -> Bool {
        let left = lhs.split(whereSeparator: { $0 == "." || $0 == "-" }).map(String.init)
        let right = rhs.split(whereSeparator: { $0 == "." || $0 == "-" }).map(String.init)
        for (a, b) in zip(left, right) where a != b {
            if let x = Int(a), let y = Int(b) { return x > y }
            return a > b
        }
        return left.count > right.count
    }
}
