import KarpenterAPI
import KarpenterCloud
import Testing

/// CLOUD.md §9: the shared drift checks and their order.
struct NodeClassDriftTests {
    static let imageA = "/CommunityGalleries/AKSUbuntu-38d80f77-467a-481f-a8d4-09b6d4220bd2/images/2204gen2containerd/versions/202505.20.0"
    static let imageB = "/CommunityGalleries/AKSUbuntu-38d80f77-467a-481f-a8d4-09b6d4220bd2/images/2204gen2containerd/versions/202505.27.0"

    static func nodeClass(images: [String] = [imageA], kubernetesVersion: String = "1.31.2", imagesReady: Bool = true,
                          versionReady: Bool = true, osDiskSizeGB: Int = 64, tags: [String: String] = ["env": "test"],
                          hashVersion: String? = nil) -> AKSNodeClass {
        let conditions = [
            Condition(type: ConditionType.imagesReady, status: imagesReady ? .true : .false, reason: imagesReady ? "ImagesReady" : "ImagesNotFound"),
            Condition(type: ConditionType.kubernetesVersionReady, status: versionReady ? .true : .false, reason: "KubernetesVersionReady"),
        ]
        return AKSNodeClass(metadata: ObjectMeta(name: "default", annotations: hashVersion.map { [KarpenterAnnotation.nodeClassHashVersion: $0] }),
                            spec: AKSNodeClassSpec(osDiskSizeGB: osDiskSizeGB, imageFamily: .ubuntu2204, tags: tags),
                            status: AKSNodeClassStatus(conditions: conditions, images: images.map { NodeImage(id: $0) },
                                                       kubernetesVersion: kubernetesVersion))
    }

    /// A NodeClaim launched from `launchedFrom` with `imageID`.
    static func nodeClaim(launchedFrom: AKSNodeClass = nodeClass(), imageID: String? = imageA) -> NodeClaim {
        NodeClaim(metadata: ObjectMeta(name: "claim-1", annotations: NodeClassDrift.hashAnnotations(for: launchedFrom)),
                  spec: NodeClaimSpec(nodeClassRef: NodeClassReference(group: "karpenter.azure.com", kind: "AKSNodeClass", name: "default")),
                  status: NodeClaimStatus(providerID: "azure:///x", imageID: imageID))
    }

    static func node(kubelet: String = "v1.31.2", identity: String? = "kubelet-id", deleting: Bool = false) -> Node {
        var metadata = ObjectMeta(name: "aks-claim-1", labels: identity.map { [NodeClassDrift.kubeletIdentityLabel: $0] })
        if deleting { metadata.deletionTimestamp = "2025-06-01T00:00:00Z" }
        return Node(metadata: metadata, spec: NodeSpec(providerID: "azure:///x"),
                    status: NodeStatus(nodeInfo: NodeSystemInfo(kubeletVersion: kubelet)))
    }

    func reason(_ claim: NodeClaim = nodeClaim(), node: Node? = node(), _ nodeClass: AKSNodeClass = nodeClass(),
                identity: String? = "kubelet-id") throws -> String? {
        try NodeClassDrift.reason(nodeClaim: claim, node: node, nodeClass: nodeClass, kubeletIdentityClientID: identity)
    }

    @Test func aNodeMatchingItsNodeClassIsNotDrifted() throws {
        #expect(try reason() == nil)
    }

    @Test func hashAnnotationsCoverTheSpecButNotTags() {
        let stamped = NodeClassDrift.hashAnnotations(for: Self.nodeClass())
        #expect(stamped[KarpenterAnnotation.nodeClassHashVersion] == TemplateHash.version)
        #expect(stamped[KarpenterAnnotation.nodeClassHash] == NodeClassDrift.hash(of: Self.nodeClass()))
        #expect(NodeClassDrift.hash(of: Self.nodeClass(tags: ["env": "prod"])) == NodeClassDrift.hash(of: Self.nodeClass()))
        #expect(NodeClassDrift.hash(of: Self.nodeClass(osDiskSizeGB: 128)) != NodeClassDrift.hash(of: Self.nodeClass()))
        // Status is not part of the hash.
        #expect(NodeClassDrift.hash(of: Self.nodeClass(images: [Self.imageB])) == NodeClassDrift.hash(of: Self.nodeClass()))
    }

    @Test func nodeClassDriftComesFirst() throws {
        // Everything else is drifted too; the static hash wins.
        let changed = Self.nodeClass(images: [Self.imageB], kubernetesVersion: "1.32.0", osDiskSizeGB: 128)
        #expect(try reason(node: Self.node(identity: "other"), changed) == NodeClassDrift.nodeClassDrift)
        // Only tags changed: no NodeClassDrift.
        #expect(try reason(Self.nodeClaim(), node: Self.node(), Self.nodeClass(tags: ["env": "prod"])) == nil)
    }

    @Test func hashesAreOnlyComparedAtTheSameVersionAndWhenStamped() throws {
        #expect(try reason(Self.nodeClaim(), Self.nodeClass(osDiskSizeGB: 128, hashVersion: "v2")) == nil)
        var unstamped = Self.nodeClaim()
        unstamped.metadata.annotations = nil
        #expect(try reason(unstamped, Self.nodeClass(osDiskSizeGB: 128)) == nil)
    }

    @Test func kubernetesVersionDriftComparesTheKubeletWithoutItsV() throws {
        #expect(try reason(node: Self.node(kubelet: "v1.30.5")) == NodeClassDrift.kubernetesVersionDrift)
        #expect(try reason(node: Self.node(kubelet: "1.31.2")) == nil)
        // Skipped: no Node, a deleting Node, or a version that is not ready.
        #expect(try reason(node: nil, Self.nodeClass(kubernetesVersion: "1.32.0")) == nil)
        #expect(try reason(node: Self.node(deleting: true), Self.nodeClass(kubernetesVersion: "1.32.0")) == nil)
        #expect(try reason(Self.nodeClaim(), node: Self.node(), Self.nodeClass(kubernetesVersion: "1.32.0", versionReady: false)) == nil)
        // Before the identity and image checks.
        #expect(try reason(node: Self.node(kubelet: "v1.30.5", identity: "other"), Self.nodeClass(images: [Self.imageB]))
            == NodeClassDrift.kubernetesVersionDrift)
    }

    @Test func kubeletIdentityDriftComparesTheLabelWithTheConfiguredClientID() throws {
        #expect(try reason(node: Self.node(identity: "other")) == NodeClassDrift.kubeletIdentityDrift)
        #expect(try reason(node: Self.node(identity: nil)) == nil)
        // Unconfigured (""): a labelled node is drifted; nil: the cloud has no kubelet identities.
        #expect(try reason(node: Self.node(identity: "kubelet-id"), identity: "") == NodeClassDrift.kubeletIdentityDrift)
        #expect(try reason(node: Self.node(identity: "other"), identity: nil) == nil)
        #expect(try reason(node: Self.node(identity: "other"), Self.nodeClass(images: [Self.imageB])) == NodeClassDrift.kubeletIdentityDrift)
    }

    @Test func imageDriftWhenTheImageIsNoLongerListed() throws {
        #expect(try reason(Self.nodeClaim(), Self.nodeClass(images: [Self.imageB])) == NodeClassDrift.imageDrift)
        #expect(try reason(Self.nodeClaim(), Self.nodeClass(images: [Self.imageB, Self.imageA])) == nil)
        // Azure IDs compare case-insensitively.
        #expect(try reason(Self.nodeClaim(imageID: Self.imageA.uppercased()), Self.nodeClass()) == nil)
        // Skipped while images are not ready.
        #expect(try reason(Self.nodeClaim(), Self.nodeClass(images: [Self.imageB], imagesReady: false)) == nil)
    }

    @Test func imageDriftCannotBeJudgedWithoutImages() {
        #expect(throws: CloudProviderError.self) { try reason(Self.nodeClaim(), Self.nodeClass(images: [])) }
        #expect(throws: CloudProviderError.permanent("NodeClaim claim-1 has no status.imageID")) {
            try reason(Self.nodeClaim(imageID: nil), Self.nodeClass())
        }
    }
}
