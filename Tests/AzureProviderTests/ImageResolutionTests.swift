@testable import AzureProvider
import AzureStandIn
import Foundation
import KarpenterAPI
import KarpenterAzure
import KarpenterCloud
import Testing

/// CLOUD.md §8: family table, definitions, community gallery and Shared Image Gallery versions,
/// against the stand-in's community gallery and nodeImageVersions endpoints.
struct ImageResolutionTests {
    static let ubuntu = AzureStandIn.ubuntuCommunityGallery
    static let azureLinux = AzureStandIn.azureLinuxCommunityGallery

    static func nodeClass(_ family: ImageFamily?, fips: Bool = false, trustedLaunch: Bool = false) -> AKSNodeClass {
        AKSNodeClass(metadata: ObjectMeta(name: "default"),
                     spec: AKSNodeClassSpec(imageFamily: family, fipsMode: fips ? .fips : nil,
                                            security: trustedLaunch ? AKSSecurity(trustedLaunch: TrustedLaunch(vtpm: true)) : nil))
    }

    static func names(_ family: String, fips: Bool = false, tl: Bool = false, k8s: String) -> [String] {
        NodeImageFamilies.definitions(NodeImageInputs(imageFamily: family, fips: fips, trustedLaunch: tl, kubernetesVersion: k8s)).map(\.name)
    }

    // MARK: Pure rules

    @Test func familyTable() {
        func family(_ spec: String, fips: Bool = false, tl: Bool = false, k8s: String = "1.31.2") -> ResolvedImageFamily {
            NodeImageFamilies.family(NodeImageInputs(imageFamily: spec, fips: fips, trustedLaunch: tl, kubernetesVersion: k8s))
        }
        #expect(family("Ubuntu2204", k8s: "1.35.0") == .ubuntu2204)
        #expect(family("Ubuntu2404") == .ubuntu2404)
        #expect(family("AzureLinux", k8s: "1.31.9") == .azureLinux2)
        #expect(family("AzureLinux", k8s: "1.32.0") == .azureLinux3)
        #expect(family("Ubuntu", fips: true) == .ubuntu2004)
        #expect(family("", fips: true, k8s: "1.34.0") == .ubuntu2004)
        #expect(family("Ubuntu", fips: true, tl: true) == .ubuntu2204)
        #expect(family("", tl: true, k8s: "1.34.0") == .ubuntu2204)
        #expect(family("Ubuntu", k8s: "1.33.4") == .ubuntu2204)
        #expect(family("", k8s: "1.34.0") == .ubuntu2404)
        #expect(family("Ubuntu", k8s: "v1.34.1") == .ubuntu2404)
        #expect(ResolvedImageFamily.ubuntu2004.rawValue == "Ubuntu")
    }

    @Test func definitionsPerFamilyInPriorityOrder() {
        #expect(Self.names("Ubuntu2204", k8s: "1.31.2") == ["2204gen2containerd", "2204containerd", "2204gen2arm64containerd"])
        #expect(Self.names("Ubuntu2204", tl: true, k8s: "1.31.2") == ["2204gen2TLcontainerd"])
        #expect(Self.names("Ubuntu", fips: true, tl: true, k8s: "1.31.2") == ["2204gen2fipsTLcontainerd"])
        #expect(Self.names("", k8s: "1.34.0") == ["2404gen2containerd", "2404containerd", "2404gen2arm64containerd"])
        #expect(Self.names("Ubuntu2404", tl: true, k8s: "1.31.2") == ["2404gen2TLcontainerd"])
        #expect(Self.names("Ubuntu2404", fips: true, k8s: "1.31.2").isEmpty)
        #expect(Self.names("Ubuntu", fips: true, k8s: "1.31.2") == ["2004gen2fipscontainerd", "2004fipscontainerd"])
        #expect(Self.names("AzureLinux", k8s: "1.31.2") == ["V2gen2", "V2", "V2gen2arm64"])
        #expect(Self.names("AzureLinux", fips: true, k8s: "1.31.2") == ["V2gen2fips", "V2fips"])
        #expect(Self.names("AzureLinux", tl: true, k8s: "1.31.2") == ["V2gen2TL"])
        #expect(Self.names("AzureLinux", k8s: "1.32.0") == ["V3gen2", "V3", "V3gen2arm64"])
        #expect(Self.names("AzureLinux", fips: true, k8s: "1.33.0") == ["V3gen2fips", "V3fips", "V3gen2arm64fips"])
        #expect(Self.names("AzureLinux", tl: true, k8s: "1.33.0") == ["V3gen2TL"])
    }

    @Test func definitionsCarryArchitectureAndGenerationRequirementsSortedByKeyLength() {
        let definitions = NodeImageFamilies.definitions(NodeImageInputs(imageFamily: "AzureLinux", fips: false, trustedLaunch: false,
                                                                        kubernetesVersion: "1.32.0"))
        #expect(definitions.map { "\($0.architecture)/\($0.hyperVGeneration)" } == ["amd64/2", "amd64/1", "arm64/2"])
        #expect(definitions.allSatisfy { $0.gallery == .azureLinux })
        #expect(definitions[2].requirements == [
            NodeSelectorRequirement(key: "kubernetes.io/arch", operator: .in, values: ["arm64"]),
            NodeSelectorRequirement(key: "karpenter.azure.com/sku-hyperv-generation", operator: .in, values: ["2"]),
        ])
        #expect(definitions[0].communityImageID(version: "202505.27.0")
            == "/CommunityGalleries/AKSAzureLinux-f7c7cda5-1c9a-4bdc-a222-9614c968580b/images/V3gen2/versions/202505.27.0")
        #expect(definitions[0].sharedImageID(subscription: "sig", version: "202505.27.0")
            == "/subscriptions/sig/resourceGroups/AKS-AzureLinux/providers/Microsoft.Compute/galleries/AKSAzureLinux/images/V3gen2/versions/202505.27.0")
    }

    @Test func versionChoices() throws {
        let listed: [JSONValue] = [
            .object(["name": .string("202506.02.0"), "properties": .object(["publishedDate": .string("2025-06-03T01:00:00.1234567+00:00")])]),
            .object(["name": .string("202505.27.0"), "properties": .object(["publishedDate": .string("2025-06-04T01:00:00Z")])]),
            .object(["name": .string("202507.01.0")]),
        ]
        #expect(ImageVersionChoice.latestPublished(listed) == "202505.27.0")
        #expect(ImageVersionChoice.latestPublished([]) == nil)
        let date = try #require(ImageVersionChoice.publishedDate("2025-06-03T01:00:00.1234567+00:00"))
        #expect(date == ImageVersionChoice.publishedDate("2025-06-03T01:00:00.123Z"))

        let entries: [JSONValue] = [
            ["AKSUbuntu", "2204gen2containerd", "202505.9.0"], ["AKSUbuntu", "2204gen2containerd", "202505.27.0"],
            ["AKSUbuntu", "2204gen2containerd", "202505.27.1"], ["AKSUbuntu", "2204containerd", "202504.30.0"],
            ["AKSWindows", "2204gen2containerd", "999999.0.0"], ["AKSAzureLinux", "V3gen2", "202505.27.0"],
        ].map { .object(["os": .string($0[0]), "sku": .string($0[1]), "version": .string($0[2])]) }
        #expect(ImageVersionChoice.latestNodeImageVersions(entries) == [
            "AKSUbuntu/2204gen2containerd": "202505.27.1", "AKSUbuntu/2204containerd": "202504.30.0", "AKSAzureLinux/V3gen2": "202505.27.0",
        ])
        #expect(NodeImageFamilies.isNewer("202505.27.0", than: "202505.9.0"))
        #expect(NodeImageFamilies.isNewer("1.32.0", than: "1.31.9"))
        #expect(!NodeImageFamilies.isNewer("1.31.2", than: "1.31.2"))
    }

    // MARK: Community gallery

    @Test func communityGalleryImagesAtTheirLatestVersions() async throws {
        let fixture = try await AzureTestFixture.start()
        defer { Task { await fixture.shutdown() } }
        let resolution = try await fixture.provider.resolveImages(for: Self.nodeClass(.ubuntu2204), kubernetesVersion: "1.31.2")
        guard case .resolved(let images) = resolution else { Issue.record("unexpected \(resolution)"); return }
        #expect(images.map(\.id) == ["2204gen2containerd", "2204containerd", "2204gen2arm64containerd"].map {
            "/CommunityGalleries/\(Self.ubuntu)/images/\($0)/versions/202505.27.0"
        })
        #expect(images[1].requirements == [
            NodeSelectorRequirement(key: "kubernetes.io/arch", operator: .in, values: ["amd64"]),
            NodeSelectorRequirement(key: "karpenter.azure.com/sku-hyperv-generation", operator: .in, values: ["1"]),
        ])
        let calls = fixture.standIn.requests(method: "GET", pathContaining: "/communityGalleries/")
        #expect(calls.map(\.path) == ["2204gen2containerd", "2204containerd", "2204gen2arm64containerd"].map {
            "/subscriptions/\(AzureTestFixture.subscription)/providers/Microsoft.Compute/locations/eastus/communityGalleries/\(Self.ubuntu)/images/\($0)/versions"
        })
        #expect(calls.allSatisfy { $0.apiVersion == "2024-03-03" && $0.authorization?.hasPrefix("Bearer ") == true })
    }

    @Test func theLatestPublishedDateWinsAndNewVersionsAreAdopted() async throws {
        let fixture = try await AzureTestFixture.start()
        defer { Task { await fixture.shutdown() } }
        // A higher version number published earlier loses to a republished older one.
        fixture.standIn.setCommunityImageVersions(gallery: Self.azureLinux, definition: "V3gen2", [
            StandInImageVersion(name: "202506.02.0", publishedDate: "2025-06-03T04:00:00.0000000+00:00"),
            StandInImageVersion(name: "202505.27.0", publishedDate: "2025-06-05T09:30:00.5000000+00:00"),
        ])
        let nodeClass = Self.nodeClass(.azureLinux)
        #expect(try await firstImage(fixture, nodeClass, "1.32.0") == "/CommunityGalleries/\(Self.azureLinux)/images/V3gen2/versions/202505.27.0")
        fixture.standIn.addCommunityImageVersion(gallery: Self.azureLinux, definition: "V3gen2",
                                                 StandInImageVersion(name: "202506.10.0", publishedDate: "2025-06-11T00:00:00Z"))
        #expect(try await firstImage(fixture, nodeClass, "1.32.0") == "/CommunityGalleries/\(Self.azureLinux)/images/V3gen2/versions/202506.10.0")
        // Below 1.32, Azure Linux 2.
        #expect(try await firstImage(fixture, nodeClass, "1.31.2") == "/CommunityGalleries/\(Self.azureLinux)/images/V2gen2/versions/202505.27.0")
    }

    @Test func versionListsAreFollowedThroughNextLink() async throws {
        let fixture = try await AzureTestFixture.start()
        defer { Task { await fixture.shutdown() } }
        fixture.standIn.setImageListPageSize(2)
        fixture.standIn.setCommunityImageVersions(gallery: Self.ubuntu, definition: "2404gen2containerd", [
            StandInImageVersion(name: "202505.01.0", publishedDate: "2025-05-02T00:00:00Z"),
            StandInImageVersion(name: "202505.08.0", publishedDate: "2025-05-09T00:00:00Z"),
            StandInImageVersion(name: "202505.15.0", publishedDate: "2025-05-16T00:00:00Z"),
            StandInImageVersion(name: "202505.22.0", publishedDate: "2025-05-23T00:00:00Z"),
            StandInImageVersion(name: "202505.29.0", publishedDate: "2025-05-30T00:00:00Z"),
        ])
        #expect(try await firstImage(fixture, Self.nodeClass(nil), "1.34.0")
            == "/CommunityGalleries/\(Self.ubuntu)/images/2404gen2containerd/versions/202505.29.0")
        let pages = fixture.standIn.requests(method: "GET", pathContaining: "/images/2404gen2containerd/versions")
        #expect(pages.map { $0.query["$skiptoken"] } == [nil, "2", "4"])
        #expect(pages.allSatisfy { $0.apiVersion == "2024-03-03" })
    }

    @Test func missingDefinitionsAreSkippedAndNoneAtAllIsImagesNotFound() async throws {
        let fixture = try await AzureTestFixture.start()
        defer { Task { await fixture.shutdown() } }
        fixture.standIn.removeCommunityImageDefinition(gallery: Self.ubuntu, definition: "2204containerd")
        fixture.standIn.setCommunityImageVersions(gallery: Self.ubuntu, definition: "2204gen2arm64containerd", [])
        let partial = try await fixture.provider.resolveImages(for: Self.nodeClass(.ubuntu2204), kubernetesVersion: "1.31.2")
        guard case .resolved(let images) = partial else { Issue.record("unexpected \(partial)"); return }
        #expect(images.map(\.id) == ["/CommunityGalleries/\(Self.ubuntu)/images/2204gen2containerd/versions/202505.27.0"])

        fixture.standIn.removeCommunityImageDefinition(gallery: Self.ubuntu, definition: "2204gen2containerd")
        let none = try await fixture.provider.resolveImages(for: Self.nodeClass(.ubuntu2204), kubernetesVersion: "1.31.2")
        guard case .unavailable(let reason, _) = none else { Issue.record("unexpected \(none)"); return }
        #expect(reason == "ImagesNotFound")
    }

    @Test func fipsWithoutSIGIsRefusedWithoutCallingAzure() async throws {
        let fixture = try await AzureTestFixture.start()
        defer { Task { await fixture.shutdown() } }
        let resolution = try await fixture.provider.resolveImages(for: Self.nodeClass(.azureLinux, fips: true), kubernetesVersion: "1.32.0")
        guard case .unavailable(let reason, let message) = resolution else { Issue.record("unexpected \(resolution)"); return }
        #expect(reason == "SIGRequiredForFIPS")
        #expect(message.contains("USE_SIG"))
        #expect(fixture.standIn.requests(pathContaining: "/providers/Microsoft.Co").isEmpty)
    }

    @Test func galleryErrorsAreThrown() async throws {
        let fixture = try await AzureTestFixture.start()
        defer { Task { await fixture.shutdown() } }
        fixture.standIn.injectARMFailure(status: 403, code: "AuthorizationFailed", message: "no read on communityGalleries")
        do {
            let answer = try await fixture.provider.resolveImages(for: Self.nodeClass(.ubuntu2204), kubernetesVersion: "1.31.2")
            Issue.record("a refused gallery read answered \(answer)")
        } catch {
            guard case .permanent(let message) = error else { Issue.record("unexpected \(error)"); return }
            #expect(message.contains("AuthorizationFailed"))
        }
    }

    // MARK: Shared Image Gallery

    @Test func sharedImageGalleryVersionsComeFromNodeImageVersions() async throws {
        let fixture = try await AzureTestFixture.start { configuration in
            configuration.useSIG = true
            configuration.sigSubscriptionID = "99999999-8888-7777-6666-555555555555"
        }
        defer { Task { await fixture.shutdown() } }
        fixture.standIn.setImageListPageSize(3)
        fixture.standIn.setNodeImageVersions([
            StandInNodeImageVersion(os: "AKSUbuntu", sku: "2204gen2fipsTLcontainerd", version: "202505.9.0"),
            StandInNodeImageVersion(os: "AKSUbuntu", sku: "2204gen2fipsTLcontainerd", version: "202505.27.0"),
            StandInNodeImageVersion(os: "AKSWindows", sku: "2204gen2fipsTLcontainerd", version: "999999.1.0"),
            StandInNodeImageVersion(os: "AKSUbuntu", sku: "2204gen2fipsTLcontainerd", version: "202505.14.2"),
            StandInNodeImageVersion(os: "AKSAzureLinux", sku: "V3gen2", version: "202505.20.0"),
        ])
        let resolution = try await fixture.provider.resolveImages(for: Self.nodeClass(.ubuntu, fips: true, trustedLaunch: true),
                                                                 kubernetesVersion: "1.31.2")
        guard case .resolved(let images) = resolution else { Issue.record("unexpected \(resolution)"); return }
        #expect(images.map(\.id) == [
            "/subscriptions/99999999-8888-7777-6666-555555555555/resourceGroups/AKS-Ubuntu/providers/Microsoft.Compute/galleries/AKSUbuntu/images/2204gen2fipsTLcontainerd/versions/202505.27.0",
        ])
        let calls = fixture.standIn.requests(method: "GET", pathContaining: "/nodeImageVersions")
        #expect(calls.map(\.path) == Array(repeating: "/subscriptions/\(AzureTestFixture.subscription)/providers/Microsoft.ContainerService/locations/eastus/nodeImageVersions", count: 2))
        #expect(calls.map { $0.query["$skiptoken"] } == [nil, "3"])
        #expect(calls.allSatisfy { $0.apiVersion == "2025-08-02-preview" })
        #expect(fixture.standIn.requests(pathContaining: "/communityGalleries/").isEmpty)
    }

    @Test func sharedImageGalleryDefaultsCoverEveryFamily() async throws {
        let fixture = try await AzureTestFixture.start { $0.useSIG = true }
        defer { Task { await fixture.shutdown() } }
        let resolution = try await fixture.provider.resolveImages(for: Self.nodeClass(.azureLinux, fips: true), kubernetesVersion: "1.33.1")
        guard case .resolved(let images) = resolution else { Issue.record("unexpected \(resolution)"); return }
        #expect(images.map(\.id) == ["V3gen2fips", "V3fips", "V3gen2arm64fips"].map {
            "/subscriptions/\(AzureTestFixture.subscription)/resourceGroups/AKS-AzureLinux/providers/Microsoft.Compute/galleries/AKSAzureLinux/images/\($0)/versions/202505.27.0"
        })
    }

    // MARK: Subnets

    @Test func subnetsAreCheckedWithAGet() async throws {
        let fixture = try await AzureTestFixture.start()
        defer { Task { await fixture.shutdown() } }
        #expect(try await fixture.provider.validateSubnet(for: Self.nodeClass(.ubuntu2204)) == .valid)
        let get = try #require(fixture.standIn.requests(method: "GET", pathContaining: "/subnets/").last)
        #expect(get.path == AzureTestFixture.subnet)
        #expect(get.apiVersion == "2022-07-01")

        let other = "/subscriptions/\(AzureTestFixture.subscription)/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/gone"
        fixture.standIn.setSubnetMissing(other)
        var nodeClass = Self.nodeClass(.ubuntu2204)
        nodeClass.spec?.vnetSubnetID = other
        guard case .invalid(let reason, _) = try await fixture.provider.validateSubnet(for: nodeClass) else {
            Issue.record("a missing subnet was accepted"); return
        }
        #expect(reason == "SubnetNotFound")
        fixture.standIn.setSubnetMissing(other, false)
        #expect(try await fixture.provider.validateSubnet(for: nodeClass) == .valid)

        fixture.standIn.clearRequests()
        nodeClass.spec?.vnetSubnetID = "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet"
        guard case .invalid(let invalid, _) = try await fixture.provider.validateSubnet(for: nodeClass) else {
            Issue.record("a malformed subnet ID was accepted"); return
        }
        #expect(invalid == "SubnetIDInvalid")
        #expect(fixture.standIn.requests.isEmpty)
    }

    private func firstImage(_ fixture: AzureTestFixture, _ nodeClass: AKSNodeClass, _ version: String) async throws -> String? {
        guard case .resolved(let images) = try await fixture.provider.resolveImages(for: nodeClass, kubernetesVersion: version) else { return nil }
        return images.first?.id
    }
}
