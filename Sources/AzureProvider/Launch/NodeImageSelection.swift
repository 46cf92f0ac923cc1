import KarpenterAPI
import KarpenterAzure
import KarpenterScheduling

/// The image a VM boots (CLOUD.md §8): the first `status.images` entry whose requirements the
/// instance type meets; without resolved images, the family's community-gallery definition for
/// the instance type's architecture and Hyper-V generation at version `latest`.
enum NodeImageSelection {
    static let ubuntuGallery = "AKSUbuntu-38d80f77-467a-481f-a8d4-09b6d4220bd2"
    static let azureLinuxGallery = "AKSAzureLinux-f7c7cda5-1c9a-4bdc-a222-9614c968580b"

    static func imageID(for type: InstanceType, nodeClass: AKSNodeClass?) -> String {
        for image in nodeClass?.status?.images ?? [] where isCompatible(image, with: type) {
            return image.id
        }
        let (gallery, definition) = defaultDefinition(for: type, nodeClass: nodeClass)
        return "/CommunityGalleries/\(gallery)/images/\(definition)/versions/latest"
    }

    /// `{communityGalleryImageId}` for community-gallery IDs, `{id}` for Shared Image Gallery ones.
    static func imageReference(_ id: String) -> JSONValue {
        id.hasPrefix("/CommunityGalleries/") ? .object(["communityGalleryImageId": .string(id)]) : .object(["id": .string(id)])
    }

    private static func isCompatible(_ image: NodeImage, with type: InstanceType) -> Bool {
        image.requirements.allSatisfy { requirement in
            let values = requirement.values ?? []
            let offered = type.requirements.get(requirement.key)
            switch requirement.operator.rawValue {
            case "In": return values.contains { offered.allows($0) }
            case "NotIn": return !values.contains { offered.allows($0) && offered.count == 1 }
            default: return true
            }
        }
    }

    private static func defaultDefinition(for type: InstanceType, nodeClass: AKSNodeClass?) -> (gallery: String, definition: String) {
        let arm64 = type.requirements.get(SchedulingLabel.arch).allows("arm64") && !type.requirements.get(SchedulingLabel.arch).allows("amd64")
        let generation2 = type.requirements.get(AzureLabels.skuHyperVGeneration).allows("2")
        let kubernetes = nodeClass?.status?.kubernetesVersion ?? ""
        switch nodeClass?.spec?.imageFamily?.rawValue ?? "Ubuntu" {
        case "AzureLinux":
            let prefix = isAtLeast(kubernetes, 1, 32) ? "V3" : "V2"
            return (azureLinuxGallery, arm64 ? "\(prefix)gen2arm64" : (generation2 ? "\(prefix)gen2" : prefix))
        case "Ubuntu2404":
            return (ubuntuGallery, ubuntu("2404", arm64: arm64, generation2: generation2))
        case "Ubuntu2204":
            return (ubuntuGallery, ubuntu("2204", arm64: arm64, generation2: generation2))
        default:
            return (ubuntuGallery, ubuntu(isAtLeast(kubernetes, 1, 34) ? "2404" : "2204", arm64: arm64, generation2: generation2))
        }
    }

    private static func ubuntu(_ release: String, arm64: Bool, generation2: Bool) -> String {
        arm64 ? "\(release)gen2arm64containerd" : (generation2 ? "\(release)gen2containerd" : "\(release)containerd")
    }

    private static func isAtLeast(_ version: String, _ major: Int, _ minor: Int) -> Bool {
        let parts = version.split(separator: ".").compactMap { Int($0) }
        guard parts.count >= 2 else { return false }
        return (parts[0], parts[1]) >= (major, minor)
    }
}
