import Foundation
import KarpenterAPI
import KarpenterAzure
import KarpenterCloud

extension AzureCloudProvider {
    /// CLOUD.md §8: the family's definitions, each at its newest version, from the community
    /// gallery (latest `publishedDate`) or, with `USE_SIG`, the AKS Shared Image Gallery (versions
    /// from the AKS nodeImageVersions API). Definitions without any version are left out.
    public func resolveImages(for nodeClass: AKSNodeClass, kubernetesVersion: String) async throws(CloudProviderError) -> ImageResolution {
        let inputs = NodeImageInputs(nodeClass, kubernetesVersion: kubernetesVersion)
        if inputs.fips && !configuration.useSIG {
            return .unavailable(reason: ImageResolution.sigRequiredForFIPS,
                                message: "FIPS node images are only published in the AKS Shared Image Gallery; set USE_SIG to use fipsMode FIPS")
        }
        let family = NodeImageFamilies.family(inputs)
        let definitions = NodeImageFamilies.definitions(inputs).filter { configuration.useSIG || !$0.requiresSIG }
        guard !definitions.isEmpty else {
            return .unavailable(reason: ImageResolution.imagesNotFound,
                                message: "image family \(family.rawValue) has no images for fipsMode=\(inputs.fips ? "FIPS" : "Disabled"), trustedLaunch=\(inputs.trustedLaunch)")
        }
        let images = configuration.useSIG ? try await sharedGalleryImages(definitions) : try await communityGalleryImages(definitions)
        guard !images.isEmpty else {
            return .unavailable(reason: ImageResolution.imagesNotFound,
                                message: "no published versions of \(definitions.map(\.name).joined(separator: ", ")) (\(family.rawValue))")
        }
        return .resolved(images)
    }

    private func communityGalleryImages(_ definitions: [NodeImageDefinition]) async throws(CloudProviderError) -> [NodeImage] {
        var images: [NodeImage] = []
        for definition in definitions {
            let path = "/subscriptions/\(configuration.subscriptionID)/providers/Microsoft.Compute/locations/\(configuration.location)"
                + "/communityGalleries/\(definition.gallery.publicName)/images/\(definition.name)/versions"
            let versions: [JSONValue]
            do {
                versions = try await listAll(path: path, apiVersion: APIVersion.communityGallery)
            } catch where error.isNotFound {
                logger.debug("community gallery image definition not found", metadata: ["definition": "\(definition.name)"])
                continue
            } catch {
                throw error.cloudError(providerID: "")
            }
            if let version = ImageVersionChoice.latestPublished(versions) {
                images.append(NodeImage(id: definition.communityImageID(version: version), requirements: definition.requirements))
            }
        }
        return images
    }

    private func sharedGalleryImages(_ definitions: [NodeImageDefinition]) async throws(CloudProviderError) -> [NodeImage] {
        let entries: [JSONValue]
        do {
            entries = try await listAll(path: "/subscriptions/\(configuration.subscriptionID)/providers/Microsoft.ContainerService/locations/\(configuration.location)/nodeImageVersions",
                                        apiVersion: APIVersion.containerService)
        } catch {
            throw error.cloudError(providerID: "")
        }
        let latest = ImageVersionChoice.latestNodeImageVersions(entries)
        let subscription = configuration.sigSubscriptionID ?? configuration.subscriptionID
        return definitions.compactMap { definition in
            latest["\(definition.gallery.name)/\(definition.name)"].map {
                NodeImage(id: definition.sharedImageID(subscription: subscription, version: $0), requirements: definition.requirements)
            }
        }
    }

    /// Every `value` of an ARM list, following `nextLink` until absent.
    func listAll(path: String, apiVersion: String) async throws(ARMError) -> [JSONValue] {
        var items: [JSONValue] = []
        var page = try await arm.send(.GET, path: path, apiVersion: apiVersion)
        while true {
            items += page.body?["value"]?.arrayValue ?? []
            guard let next = page.body?["nextLink"]?.stringValue, !next.isEmpty else { return items }
            page = try await arm.send(.GET, url: next)
        }
    }

    /// GET of the NodeClass's subnet (`spec.vnetSubnetID`, else `VNET_SUBNET_ID`).
    public func validateSubnet(for nodeClass: AKSNodeClass) async throws(CloudProviderError) -> SubnetValidation {
        let id = nodeClass.spec?.vnetSubnetID ?? configuration.vnetSubnetID
        guard Self.isSubnetID(id) else {
            return .invalid(reason: SubnetValidation.subnetIDInvalid, message: "\"\(id)\" is not a subnet resource ID")
        }
        do {
            _ = try await arm.send(.GET, path: id, apiVersion: APIVersion.network)
            return .valid
        } catch where error.isNotFound {
            return .invalid(reason: SubnetValidation.subnetNotFound, message: "subnet \(id) not found: \(error.message)")
        } catch {
            throw error.cloudError(providerID: "")
        }
    }

    /// `/subscriptions/{s}/resourceGroups/{g}/providers/Microsoft.Network/virtualNetworks/{v}/subnets/{n}`.
    static func isSubnetID(_ id: String) -> Bool {
        guard id.hasPrefix("/") else { return false }
        let parts = id.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map { $0.lowercased() }
        return parts.count == 10 && parts[0] == "subscriptions" && parts[2] == "resourcegroups" && parts[4] == "providers"
            && parts[5] == "microsoft.network" && parts[6] == "virtualnetworks" && parts[8] == "subnets"
            && [1, 3, 7, 9].allSatisfy { !parts[$0].isEmpty }
    }

    /// CLOUD.md §9: NodeClassDrift, K8sVersionDrift, KubeletIdentityDrift (against
    /// `KUBELET_IDENTITY_CLIENT_ID`), ImageDrift.
    public func driftReason(of nodeClaim: NodeClaim, node: Node?, nodeClass: AKSNodeClass) async throws(CloudProviderError) -> String? {
        try NodeClassDrift.reason(nodeClaim: nodeClaim, node: node, nodeClass: nodeClass,
                                  kubeletIdentityClientID: configuration.kubeletIdentityClientID ?? "")
    }
}
