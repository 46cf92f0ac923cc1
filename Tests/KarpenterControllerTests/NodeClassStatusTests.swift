import AzureProvider
import AzureStandIn
import Foundation
import InProcessAPIServer
import KarpenterAPI
import KarpenterCloud
@testable import KarpenterController
import KubeClient
import Logging
import SimulatedCloud
import Testing

/// The AKSNodeClass status reconciler (CLOUD.md §8, API.md AKSNodeClass status): images,
/// Kubernetes version, subnets, Ready; and how rarely it asks the cloud.
struct NodeClassStatusTests {
    // MARK: Kubernetes version, images, caching

    @Test func imagesAreResolvedSortedAndMadeReady() async throws {
        try await StatusHarness.with { harness, cloud in
            try await harness.createNodeClass("default", spec: ["imageFamily": "Ubuntu2204"])
            try await harness.reconcile()
            let status = try await harness.status("default")
            #expect(status.kubernetesVersion == "1.31.2")
            #expect(status.images == [NodeImage(id: "scripted://images/Ubuntu2204/1.31.2", requirements: [
                NodeSelectorRequirement(key: "kubernetes.io/arch", operator: .in, values: ["amd64"]),
                NodeSelectorRequirement(key: "karpenter.azure.com/sku-hyperv-generation", operator: .in, values: ["2"]),
            ])])
            for type in ["ImagesReady", "SubnetsReady", "KubernetesVersionReady", "ValidationSucceeded", "Ready"] {
                #expect(status.conditions?.condition(type)?.status == .true, "\(type)")
            }
            #expect(await cloud.imageCalls == ["Ubuntu2204@1.31.2"])
            #expect(await cloud.subnetCalls == 1)
        }
    }

    @Test func theCloudIsAskedAtMostEveryFiveMinutes() async throws {
        try await StatusHarness.with { harness, cloud in
            try await harness.createNodeClass("a", spec: ["imageFamily": "Ubuntu2204"])
            try await harness.createNodeClass("b", spec: ["imageFamily": "Ubuntu2204", "osDiskSizeGB": "64"])
            for _ in 0..<5 {
                try await harness.reconcile()
                harness.clock.advance(10)
            }
            // Two NodeClasses with the same image inputs share one resolution; 50 s is not 5 minutes.
            #expect(await cloud.imageCalls == ["Ubuntu2204@1.31.2"])
            #expect(await cloud.subnetCalls == 1)
            await cloud.setImageVersion("202506.01.0")
            harness.clock.advance(300)
            try await harness.reconcile()
            #expect(await cloud.imageCalls.count == 2)
            #expect(await cloud.subnetCalls == 2)
            #expect(try await harness.status("a").images?.first?.id == "scripted://images/Ubuntu2204/1.31.2/202506.01.0")
            #expect(try await harness.status("b").images?.first?.id == "scripted://images/Ubuntu2204/1.31.2/202506.01.0")
        }
    }

    @Test func aNewImageFamilyIsResolvedAtOnce() async throws {
        try await StatusHarness.with { harness, cloud in
            try await harness.createNodeClass("default", spec: ["imageFamily": "Ubuntu2204"])
            try await harness.reconcile()
            try await harness.patchSpec("default", ["imageFamily": "AzureLinux"])
            try await harness.reconcile()
            #expect(await cloud.imageCalls == ["Ubuntu2204@1.31.2", "AzureLinux@1.31.2"])
            let status = try await harness.status("default")
            #expect(status.images?.map(\.id) == ["scripted://images/AzureLinux/1.31.2"])
            #expect(status.conditions?.condition("ImagesReady")?.observedGeneration == 2)
        }
    }

    @Test func aKubernetesUpgradeResolvesFreshImages() async throws {
        try await StatusHarness.with { harness, cloud in
            try await harness.createNodeClass("default", spec: ["imageFamily": "Ubuntu2204"])
            try await harness.reconcile()
            // The cloud is down when the upgrade is noticed: ImagesReady goes False (KubernetesUpgrade), old images stay.
            await cloud.setImageFailure(.transient("ARM is down"))
            harness.setVersion("1.32.0")
            harness.clock.advance(900)
            try await harness.reconcile()
            var status = try await harness.status("default")
            #expect(status.kubernetesVersion == "1.32.0")
            let images = try #require(status.conditions?.condition("ImagesReady"))
            #expect(images.status == .false)
            #expect(images.reason == "KubernetesUpgrade")
            #expect(status.conditions?.condition("Ready")?.status == .false)
            #expect(status.images?.map(\.id) == ["scripted://images/Ubuntu2204/1.31.2"])
            // Failures are retried after 30 s, not 5 minutes.
            await cloud.setImageFailure(nil)
            harness.clock.advance(10)
            try await harness.reconcile()
            #expect(await cloud.imageCalls.count == 2)
            harness.clock.advance(30)
            try await harness.reconcile()
            status = try await harness.status("default")
            #expect(await cloud.imageCalls == ["Ubuntu2204@1.31.2", "Ubuntu2204@1.32.0", "Ubuntu2204@1.32.0"])
            #expect(status.images?.map(\.id) == ["scripted://images/Ubuntu2204/1.32.0"])
            #expect(status.conditions?.condition("ImagesReady")?.status == .true)
            #expect(status.conditions?.condition("Ready")?.status == .true)
        }
    }

    @Test func anUpgradeWithAWorkingCloudAdoptsNewImagesInOnePass() async throws {
        try await StatusHarness.with { harness, cloud in
            try await harness.createNodeClass("default", spec: [:])
            try await harness.reconcile()
            harness.setVersion("1.34.1")
            harness.clock.advance(900)
            try await harness.reconcile()
            let status = try await harness.status("default")
            #expect(status.kubernetesVersion == "1.34.1")
            #expect(status.images?.map(\.id) == ["scripted://images/Ubuntu/1.34.1"])
            #expect(status.conditions?.condition("ImagesReady")?.status == .true)
            #expect(await cloud.imageCalls == ["Ubuntu@1.31.2", "Ubuntu@1.34.1"])
        }
    }

    @Test func aKubernetesDowngradeKeepsTheRecordedVersion() async throws {
        try await StatusHarness.with { harness, cloud in
            try await harness.createNodeClass("default", spec: ["imageFamily": "Ubuntu2204"])
            try await harness.reconcile()
            harness.setVersion("1.30.4")
            harness.clock.advance(900)
            try await harness.reconcile()
            let status = try await harness.status("default")
            #expect(status.kubernetesVersion == "1.31.2")
            #expect(status.conditions?.condition("ImagesReady")?.status == .true)
            // The refresh after 15 minutes still resolves for the recorded version.
            #expect(await cloud.imageCalls == ["Ubuntu2204@1.31.2", "Ubuntu2204@1.31.2"])
        }
    }

    @Test func unavailableImagesMakeTheNodeClassNotReady() async throws {
        try await StatusHarness.with { harness, cloud in
            await cloud.setResolution(.unavailable(reason: "SIGRequiredForFIPS", message: "set USE_SIG"))
            try await harness.createNodeClass("fips", spec: ["imageFamily": "AzureLinux", "fipsMode": "FIPS"])
            try await harness.reconcile()
            var status = try await harness.status("fips")
            #expect(status.conditions?.condition("ImagesReady")?.reason == "SIGRequiredForFIPS")
            #expect(status.conditions?.condition("Ready")?.status == .false)
            #expect(status.images == nil)

            await cloud.setResolution(.resolved([]))
            try await harness.createNodeClass("empty", spec: ["imageFamily": "Ubuntu2404"])
            try await harness.reconcile()
            status = try await harness.status("empty")
            #expect(status.conditions?.condition("ImagesReady")?.status == .false)
            #expect(status.conditions?.condition("ImagesReady")?.reason == "ImagesNotFound")
        }
    }

    @Test func subnetsThatAreGoneMakeTheNodeClassNotReady() async throws {
        try await StatusHarness.with { harness, cloud in
            await cloud.setSubnet(.invalid(reason: "SubnetNotFound", message: "subnet x not found"))
            try await harness.createNodeClass("default", spec: ["imageFamily": "Ubuntu2204"])
            try await harness.reconcile()
            var status = try await harness.status("default")
            #expect(status.conditions?.condition("SubnetsReady")?.status == .false)
            #expect(status.conditions?.condition("SubnetsReady")?.reason == "SubnetNotFound")
            #expect(status.conditions?.condition("Ready")?.reason == "SubnetNotFound")
            // A failing check before any answer: SubnetUnknownError.
            await cloud.setSubnetFailure(.throttled(retryAfterSeconds: 5, message: "slow down"))
            try await harness.createNodeClass("other", spec: ["vnetSubnetID": "/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/virtualNetworks/v/subnets/other"])
            try await harness.reconcile()
            status = try await harness.status("other")
            #expect(status.conditions?.condition("SubnetsReady")?.reason == "SubnetUnknownError")
        }
    }

    // MARK: The real providers

    @Test func theSimulatedCloudPublishesTheFamilyDefinitions() async throws {
        try await StatusHarness.with { harness, _ in
            let simulated = SimulatedCloudProvider(client: harness.client)
            let reconciler = harness.reconciler(simulated)
            try await harness.createNodeClass("default", spec: ["imageFamily": "AzureLinux"])
            try await harness.reconcile(reconciler)
            let status = try await harness.status("default")
            #expect(status.images?.map(\.id) == ["V2gen2", "V2", "V2gen2arm64"].map { "simulated://images/\($0)/202505.27.0" })
            #expect(status.images?.last?.requirements.first == NodeSelectorRequirement(key: "kubernetes.io/arch", operator: .in, values: ["arm64"]))
            #expect(status.conditions?.condition("Ready")?.status == .true)
        }
    }

    @Test func azureImagesAndSubnetsThroughTheStandIn() async throws {
        let standIn = try await AzureStandIn.start()
        defer { Task { await standIn.shutdown() } }
        standIn.registerClientSecret(clientID: "karpenter-app", secret: "s3cret")
        let subnet = "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/nodes"
        let azure = AzureCloudProvider(
            configuration: AzureConfiguration(
                subscriptionID: "11111111-2222-3333-4444-555555555555", tenantID: "tenant-1", location: "eastus", clusterName: "aks-test",
                nodeResourceGroup: "MC_rg_aks-test_eastus", vnetSubnetID: subnet, resourceManagerEndpoint: standIn.baseURL,
                authorityHost: standIn.baseURL, imdsEndpoint: standIn.baseURL,
                credentials: AzureCredentialSettings(clientID: "karpenter-app", clientSecret: "s3cret")),
            unavailableOfferings: UnavailableOfferings(), timing: .fast)
        try await StatusHarness.with { harness, _ in
            let reconciler = harness.reconciler(azure)
            try await harness.createNodeClass("default", spec: ["imageFamily": "Ubuntu2204"])
            try await harness.reconcile(reconciler)
            var status = try await harness.status("default")
            #expect(status.images?.map(\.id) == ["2204gen2containerd", "2204containerd", "2204gen2arm64containerd"].map {
                "/CommunityGalleries/AKSUbuntu-38d80f77-467a-481f-a8d4-09b6d4220bd2/images/\($0)/versions/202505.27.0"
            })
            #expect(status.conditions?.condition("Ready")?.status == .true)
            #expect(standIn.requests(method: "GET", pathContaining: "/communityGalleries/").count == 3)

            // The subnet disappears: noticed at the next refresh, not before.
            standIn.setSubnetMissing(subnet)
            try await harness.reconcile(reconciler)
            #expect(try await harness.status("default").conditions?.condition("SubnetsReady")?.status == .true)
            harness.clock.advance(301)
            try await harness.reconcile(reconciler)
            status = try await harness.status("default")
            #expect(status.conditions?.condition("SubnetsReady")?.reason == "SubnetNotFound")
            #expect(status.conditions?.condition("Ready")?.status == .false)
            #expect(standIn.requests(method: "GET", pathContaining: "/subnets/").count == 2)
            #expect(standIn.requests(method: "GET", pathContaining: "/communityGalleries/").count == 6)
        }
    }
}

// MARK: Harness

/// An in-process API server, informers, a settable clock and API-server version.
final class StatusHarness: @unchecked Sendable {
    final class Clock: @unchecked Sendable {
        private let lock = NSLock()
        private var current = Date(timeIntervalSince1970: 1_750_000_000)
        var now: Date { lock.withLock { current } }
        func advance(_ seconds: TimeInterval) { lock.withLock { current += seconds } }
    }

    let server: InProcessAPIServer
    let client: KubernetesClient
    let informers: ClusterInformers
    let clock = Clock()
    private let lock = NSLock()
    private var version = "1.31.2"
    private(set) var defaultReconciler: NodeClassStatusReconciler?

    private init(server: InProcessAPIServer, client: KubernetesClient) {
        self.server = server
        self.client = client
        informers = ClusterInformers(client: client)
    }

    /// Runs `body` with a harness whose default reconciler asks `cloud`.
    static func with(cloud: ScriptedImageCloud = ScriptedImageCloud(),
                     _ body: (StatusHarness, ScriptedImageCloud) async throws -> Void) async throws {
        let server = try await InProcessAPIServer.start()
        let client = try KubernetesClient(config: RESTConfig(server: server.baseURL))
        let harness = StatusHarness(server: server, client: client)
        await harness.informers.start()
        await harness.informers.waitForSync()
        harness.defaultReconciler = harness.reconciler(cloud)
        do {
            try await body(harness, cloud)
        } catch {
            await harness.stop()
            throw error
        }
        await harness.stop()
    }

    func stop() async {
        await informers.stop()
        await client.shutdown()
        try? await server.shutdown()
    }

    func setVersion(_ version: String) { lock.withLock { self.version = version } }

    func reconciler(_ cloud: any CloudProvider) -> NodeClassStatusReconciler {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let clock = self.clock
        return NodeClassStatusReconciler(
            client: client, informers: informers, writes: ObjectWrites(client: client), logger: logger, cloudProvider: cloud,
            timing: NodeClassStatusReconciler.Timing(now: { clock.now }),
            serverVersion: { [self] in .success(lock.withLock { version }) })
    }

    /// `spec` values that are numbers are written as numbers.
    static func spec(_ fields: [String: String]) -> JSONValue {
        .object(.init(uniqueKeysWithValues: fields.sorted { $0.key < $1.key }.map { key, value in
            (key, Int64(value).map { JSONValue.int($0) } ?? .string(value))
        }))
    }

    func createNodeClass(_ name: String, spec: [String: String]) async throws {
        _ = try await client.create(.aksNodeClasses, .object([
            "apiVersion": .string("karpenter.azure.com/v1alpha2"), "kind": .string("AKSNodeClass"),
            "metadata": .object(["name": .string(name)]), "spec": Self.spec(spec),
        ]))
        try await waitForInformer()
    }

    func patchSpec(_ name: String, _ spec: [String: String]) async throws {
        _ = try await client.patch(.aksNodeClasses, name: name, .merge(.object(["spec": Self.spec(spec)])))
        try await waitForInformer()
    }

    /// One status pass, then waits until the informer has seen what it wrote.
    func reconcile(_ reconciler: NodeClassStatusReconciler? = nil) async throws {
        guard let reconciler = reconciler ?? defaultReconciler else { throw TimedOut(what: "a reconciler") }
        await reconciler.reconcileAll()
        try await waitForInformer()
    }

    func status(_ name: String) async throws -> AKSNodeClassStatus {
        try await client.get(.aksNodeClasses, name: name).decode(AKSNodeClass.self).status ?? AKSNodeClassStatus()
    }

    private func waitForInformer() async throws {
        let stored = try await client.list(.aksNodeClasses).items
        _ = try await eventually("the informer to catch up") { () async -> Bool? in
            for object in stored {
                let cached = await informers.nodeClasses.get(ObjectKey(namespace: nil, name: object.metadataName))
                if cached?["metadata"]?["resourceVersion"] != object["metadata"]?["resourceVersion"] { return nil }
            }
            return true
        }
    }
}

/// A cloud whose image and subnet answers the test scripts; records the calls.
actor ScriptedImageCloud: CloudProvider {
    nonisolated let name = "scripted"
    private(set) var imageCalls: [String] = []
    private(set) var subnetCalls = 0
    private var resolution: ImageResolution?
    private var imageVersion: String?
    private var imageFailure: CloudProviderError?
    private var subnet: SubnetValidation = .valid
    private var subnetFailure: CloudProviderError?

    func setResolution(_ resolution: ImageResolution?) { self.resolution = resolution }
    func setImageVersion(_ version: String) { imageVersion = version }
    func setImageFailure(_ error: CloudProviderError?) { imageFailure = error }
    func setSubnet(_ answer: SubnetValidation) { subnet = answer }
    func setSubnetFailure(_ error: CloudProviderError?) { subnetFailure = error }

    /// By default one gen-2 amd64 image named after the family and version (requirements deliberately unsorted).
    func resolveImages(for nodeClass: AKSNodeClass, kubernetesVersion: String) async throws(CloudProviderError) -> ImageResolution {
        let family = nodeClass.spec?.imageFamily?.rawValue ?? "Ubuntu"
        imageCalls.append("\(family)@\(kubernetesVersion)")
        if let imageFailure { throw imageFailure }
        if let resolution { return resolution }
        return .resolved([NodeImage(id: "scripted://images/\(family)/\(kubernetesVersion)" + (imageVersion.map { "/\($0)" } ?? ""), requirements: [
            NodeSelectorRequirement(key: "karpenter.azure.com/sku-hyperv-generation", operator: .in, values: ["2"]),
            NodeSelectorRequirement(key: "kubernetes.io/arch", operator: .in, values: ["amd64"]),
        ])])
    }

    func validateSubnet(for nodeClass: AKSNodeClass) async throws(CloudProviderError) -> SubnetValidation {
        subnetCalls += 1
        if let subnetFailure { throw subnetFailure }
        return subnet
    }

    func create(_ request: LaunchRequest) async throws(CloudProviderError) -> LaunchedInstance { throw .permanent("not launching") }
    func delete(providerID: String) async throws(CloudProviderError) { throw .notFound(providerID: providerID) }
    func get(providerID: String) async throws(CloudProviderError) -> CloudInstance { throw .notFound(providerID: providerID) }
    func list() async throws(CloudProviderError) -> [CloudInstance] { [] }
    func driftReason(of nodeClaim: NodeClaim, node: Node?, nodeClass: AKSNodeClass) async throws(CloudProviderError) -> String? { nil }
}
