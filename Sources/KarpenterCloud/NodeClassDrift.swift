import Foundation
import KarpenterAPI

/// The provider-independent drift checks of CLOUD.md §9, in order. Providers call
/// `reason(...)` from `driftReason(of:node:nodeClass:)`, adding their own checks where they have any.
public enum NodeClassDrift {
    public static let nodeClassDrift = "NodeClassDrift"
    public static let kubernetesVersionDrift = "K8sVersionDrift"
    public static let kubeletIdentityDrift = "KubeletIdentityDrift"
    public static let imageDrift = "ImageDrift"
    /// Node label carrying the kubelet identity's client ID.
    public static let kubeletIdentityLabel = "kubernetes.azure.com/kubelet-identity-client-id"

    /// `karpenter.azure.com/aksnodeclass-hash` of the spec (without tags) and its hash version,
    /// for stamping a NodeClaim at launch.
    public static func hashAnnotations(for nodeClass: AKSNodeClass) -> [String: String] {
        [KarpenterAnnotation.nodeClassHash: hash(of: nodeClass), KarpenterAnnotation.nodeClassHashVersion: hashVersion(of: nodeClass)]
    }

    public static func hash(of nodeClass: AKSNodeClass) -> String {
        TemplateHash.nodeClass((try? JSONValue.encode(nodeClass)) ?? .null)
    }

    /// The version the NodeClass's hash is written in: its own annotation, else the current one.
    public static func hashVersion(of nodeClass: AKSNodeClass) -> String {
        nodeClass.metadata.annotations?[KarpenterAnnotation.nodeClassHashVersion] ?? TemplateHash.version
    }

    /// The first drift reason, or nil.
    /// - Parameter kubeletIdentityClientID: the operator's configured client ID; nil skips the
    ///   kubelet identity check (clouds without kubelet identities).
    /// - Throws: `.nodeClassNotReady` when images are ready but none are listed, `.permanent`
    ///   when the NodeClaim reports no image (ImageDrift cannot be judged).
    public static func reason(nodeClaim: NodeClaim, node: Node?, nodeClass: AKSNodeClass,
                              kubeletIdentityClientID: String?) throws(CloudProviderError) -> String? {
        if isHashDrifted(nodeClaim: nodeClaim, nodeClass: nodeClass) { return nodeClassDrift }
        if isKubernetesVersionDrifted(node: node, nodeClass: nodeClass) { return kubernetesVersionDrift }
        if let expected = kubeletIdentityClientID, let node, node.metadata.deletionTimestamp == nil,
           let actual = node.metadata.labels?[kubeletIdentityLabel], actual != expected {
            return kubeletIdentityDrift
        }
        if try isImageDrifted(nodeClaim: nodeClaim, nodeClass: nodeClass) { return imageDrift }
        return nil
    }

    /// Both carry the hash and its version, the versions match and the hashes differ.
    static func isHashDrifted(nodeClaim: NodeClaim, nodeClass: AKSNodeClass) -> Bool {
        guard let claimHash = nodeClaim.metadata.annotations?[KarpenterAnnotation.nodeClassHash],
              let claimVersion = nodeClaim.metadata.annotations?[KarpenterAnnotation.nodeClassHashVersion],
              claimVersion == hashVersion(of: nodeClass) else { return false }
        return claimHash != hash(of: nodeClass)
    }

    /// The Node's kubelet (without `v`) differs from `status.kubernetesVersion`; skipped while
    /// `KubernetesVersionReady` is not True, or when the Node is unknown or deleting.
    static func isKubernetesVersionDrifted(node: Node?, nodeClass: AKSNodeClass) -> Bool {
        guard let node, node.metadata.deletionTimestamp == nil,
              nodeClass.status?.conditions?.condition(ConditionType.kubernetesVersionReady)?.isTrue == true,
              let expected = nodeClass.status?.kubernetesVersion, !expected.isEmpty,
              let kubelet = node.status?.nodeInfo?.kubeletVersion, !kubelet.isEmpty else { return false }
        return (kubelet.hasPrefix("v") ? String(kubelet.dropFirst()) : kubelet) != expected
    }

    /// `status.imageID` is none of `status.images[].id` (case-insensitive, as Azure IDs are);
    /// skipped while `ImagesReady` is not True.
    static func isImageDrifted(nodeClaim: NodeClaim, nodeClass: AKSNodeClass) throws(CloudProviderError) -> Bool {
        guard nodeClass.status?.conditions?.condition(ConditionType.imagesReady)?.isTrue == true else { return false }
        let images = nodeClass.status?.images ?? []
        guard !images.isEmpty else {
            throw .nodeClassNotReady("AKSNodeClass \(nodeClass.metadata.name ?? "") has ImagesReady but no images")
        }
        guard let imageID = nodeClaim.status?.imageID, !imageID.isEmpty else {
            throw .permanent("NodeClaim \(nodeClaim.metadata.name ?? "") has no status.imageID")
        }
        return !images.contains { $0.id.caseInsensitiveCompare(imageID) == .orderedSame }
    }
}
