import AzureProvider
import AzureStandIn
import Foundation
import KarpenterAPI
import KarpenterCloud
import Testing

/// CLOUD.md §4 step 1 and §9 on the Azure provider: readiness gate, launch stamps, drift.
struct DriftTests {
    let type = AzureTestFixture.instanceType("Standard_D2s_v3", price: 0.096)
    static let old = "/CommunityGalleries/AKSUbuntu-38d80f77-467a-481f-a8d4-09b6d4220bd2/images/2204gen2containerd/versions/202501.01.0"
    static let new = "/CommunityGalleries/AKSUbuntu-38d80f77-467a-481f-a8d4-09b6d4220bd2/images/2204gen2containerd/versions/202505.27.0"

    static func readyNodeClass(images: [String]) -> AKSNodeClass {
        var nodeClass = AzureTestFixture.nodeClass(images: images)
        nodeClass.status?.conditions = [ConditionType.imagesReady, ConditionType.kubernetesVersionReady, ConditionType.subnetsReady,
                                        ConditionType.ready].map { Condition(type: $0, status: .true, reason: $0) }
        return nodeClass
    }

    /// The NodeClaim as the controller records a launch: annotations, status.imageID.
    static func recorded(_ launched: LaunchedInstance, name: String) -> NodeClaim {
        var claim = AzureTestFixture.nodeClaim(name)
        claim.metadata.annotations = launched.annotations
        claim.status = NodeClaimStatus(providerID: launched.providerID, imageID: launched.imageID)
        return claim
    }

    static func node(kubelet: String = "v1.31.2", identity: String? = nil) -> Node {
        Node(metadata: ObjectMeta(name: "aks-x", labels: identity.map { ["kubernetes.azure.com/kubelet-identity-client-id": $0] }),
             status: NodeStatus(nodeInfo: NodeSystemInfo(kubeletVersion: kubelet)))
    }

    @Test func launchesRecordTheImageAndTheNodeClassHash() async throws {
        let fixture = try await AzureTestFixture.start()
        defer { Task { await fixture.shutdown() } }
        let nodeClass = Self.readyNodeClass(images: [Self.old])
        let launched = try await fixture.launch("stamp-1", types: [type], nodeClass: nodeClass)
        #expect(launched.imageID == Self.old)
        #expect(launched.annotations == [
            "karpenter.azure.com/aksnodeclass-hash": TemplateHash.nodeClass(try JSONValue.encode(nodeClass)),
            "karpenter.azure.com/aksnodeclass-hash-version": "v3",
        ])
        let put = try #require(fixture.standIn.requests(method: "PUT", pathContaining: "/virtualMachines/aks-stamp-1").first)
        #expect(put.body?["properties"]?["storageProfile"]?["imageReference"]?["communityGalleryImageId"] == .string(Self.old))
    }

    @Test func driftOfALaunchedNodeClaim() async throws {
        let fixture = try await AzureTestFixture.start { $0.kubeletIdentityClientID = "kubelet-client" }
        defer { Task { await fixture.shutdown() } }
        let nodeClass = Self.readyNodeClass(images: [Self.old])
        let launched = try await fixture.launch("drift-1", types: [type], nodeClass: nodeClass)
        let claim = Self.recorded(launched, name: "drift-1")
        let provider = fixture.provider
        #expect(try await provider.driftReason(of: claim, node: Self.node(identity: "kubelet-client"), nodeClass: nodeClass) == nil)
        #expect(try await provider.driftReason(of: claim, node: nil, nodeClass: Self.readyNodeClass(images: [Self.new])) == "ImageDrift")
        #expect(try await provider.driftReason(of: claim, node: Self.node(identity: "someone-else"), nodeClass: nodeClass)
            == "KubeletIdentityDrift")
        #expect(try await provider.driftReason(of: claim, node: Self.node(kubelet: "v1.30.9"), nodeClass: nodeClass) == "K8sVersionDrift")
        var edited = nodeClass
        edited.spec?.osDiskSizeGB = 256
        #expect(try await provider.driftReason(of: claim, node: Self.node(kubelet: "v1.30.9"), nodeClass: edited) == "NodeClassDrift")
        var retagged = nodeClass
        retagged.spec?.tags = ["env": "prod"]
        #expect(try await provider.driftReason(of: claim, node: nil, nodeClass: retagged) == nil)
    }

    @Test func nodeClassesThatAreNotReadyAreRefusedBeforeAnyCall() async throws {
        let fixture = try await AzureTestFixture.start()
        defer { Task { await fixture.shutdown() } }
        var notReady = Self.readyNodeClass(images: [Self.old])
        notReady.status?.conditions = [Condition(type: ConditionType.ready, status: .false, reason: "SubnetNotFound", message: "gone")]
        do {
            _ = try await fixture.launch("refused-1", types: [type], nodeClass: notReady)
            Issue.record("launched from a NodeClass that is not ready")
        } catch {
            guard case .nodeClassNotReady(let message) = error else { Issue.record("unexpected \(error)"); return }
            #expect(message.contains("SubnetNotFound"))
        }
        var unknown = notReady
        unknown.status?.conditions = [Condition(type: ConditionType.ready, status: .unknown, reason: "AwaitingReconciliation")]
        await #expect(throws: CloudProviderError.nodeClassNotReady("NodeClassReadinessUnknown: the readiness of AKSNodeClass default is unknown")) {
            try await fixture.launch("refused-2", types: [type], nodeClass: unknown)
        }
        #expect(fixture.standIn.requests(pathContaining: "/virtualMachines/").isEmpty)
        #expect(fixture.standIn.requests(pathContaining: "/networkInterfaces/").isEmpty)
    }
}
