import KarpenterAPI
import KarpenterAzure
import KarpenterScheduling

/// The image a VM boots (CLOUD.md §4 step 4, §8): the first `status.images` entry whose
/// requirements the instance type meets; without a resolved compatible image, the family's
/// community-gallery definition for the instance type's architecture and Hyper-V generation at
/// version `latest`.
enum NodeImageSelection {
    static func imageID(for type: InstanceType, nodeClass: AKSNodeClass?) -> String {
        for image in nodeClass?.status?.images ?? [] where isCompatible(image.requirements, with: type) {
            return image.id
        }
        let inputs = nodeClass.map { NodeImageInputs($0, kubernetesVersion: $0.status?.kubernetesVersion ?? "") }
            ?? NodeImageInputs(imageFamily: "", fips: false, trustedLaunch: false, kubernetesVersion: "")
        let definitions = NodeImageFamilies.definitions(inputs)
        let definition = definitions.first { isCompatible($0.requirements, with: type) } ?? definitions.first
            ?? NodeImageDefinition(gallery: .ubuntu, name: "2204gen2containerd", architecture: "amd64", hyperVGeneration: "2")
        return definition.communityImageID(version: "latest")
    }

    /// `{communityGalleryImageId}` for community-gallery IDs, `{id}` for Shared Image Gallery ones.
    static func imageReference(_ id: String) -> JSONValue {
        id.hasPrefix("/CommunityGalleries/") ? .object(["communityGalleryImageId": .string(id)]) : .object(["id": .string(id)])
    }

    static func isCompatible(_ requirements: [NodeSelectorRequirement], with type: InstanceType) -> Bool {
        requirements.allSatisfy { requirement in
            let values = requirement.values ?? []
            let offered = type.requirements.get(requirement.key)
            switch requirement.operator.rawValue {
            case "In": return values.contains { offered.allows($0) }
            case "NotIn": return !values.contains { offered.allows($0) && offered.count == 1 }
            default: return true
            }
        }
    }
}
