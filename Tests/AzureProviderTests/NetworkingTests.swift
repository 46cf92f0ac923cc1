import AzureProvider
import AzureStandIn
import Foundation
import KarpenterAPI
import KarpenterCloud
import Testing

/// CLOUD.md §4 steps 5–8: load balancer backend pools, the cluster NSG, NIC details and VM body extras.
@Suite("Create: load balancer pools, NSG, NIC and VM details")
struct NetworkingTests {
    static let rg = AzureTestFixture.resourceGroup
    static let sub = AzureTestFixture.subscription
    static let rgPath = "/subscriptions/\(sub)/resourceGroups/\(rg)"
    static let lbListPath = "\(rgPath)/providers/Microsoft.Network/loadBalancers"
    static let nsgListPath = "\(rgPath)/providers/Microsoft.Network/networkSecurityGroups"
    static let defaultNSGID = "\(rgPath)/providers/Microsoft.Network/networkSecurityGroups/aks-agentpool-12345678-nsg"
    static let managedSubnet = "\(rgPath)/providers/Microsoft.Network/virtualNetworks/aks-vnet-12345678/subnets/aks-subnet"
    static let type = AzureTestFixture.instanceType("Standard_D2s_v3", price: 0.096)

    static func poolID(_ lb: String, _ pool: String) -> String {
        "\(lbListPath)/\(lb)/backendAddressPools/\(pool)"
    }

    static func nicPuts(_ fixture: AzureTestFixture, _ claim: String) -> [RecordedRequest] {
        fixture.standIn.requests(method: "PUT", pathContaining: "networkInterfaces/aks-\(claim)")
    }

    static func primaryIPConfig(_ body: JSONValue?) -> JSONValue? {
        body?["properties"]?["ipConfigurations"]?.arrayValue?.first
    }

    static func poolIDs(_ body: JSONValue?) -> [String]? {
        primaryIPConfig(body)?["properties"]?["loadBalancerBackendAddressPools"]?.arrayValue?.compactMap { $0["id"]?.stringValue }
    }

    static func requests(_ fixture: AzureTestFixture, path: String) -> [RecordedRequest] {
        fixture.standIn.requests.filter { $0.method == "GET" && $0.path == path }
    }

    // MARK: Load balancer backend pools (step 5)

    @Test func ipv4PoolsOfKubernetesLoadBalancersGoOnThePrimaryIPConfig() async throws {
        let fixture = try await AzureTestFixture.start()
        defer { Task { await fixture.shutdown() } }
        fixture.standIn.seedLoadBalancer(resourceGroup: Self.rg, StandInLoadBalancer(name: "kubernetes", pools: [
            StandInBackendPool(name: "kubernetes"), StandInBackendPool(name: "aksOutboundBackendPool"),
            StandInBackendPool(name: "kubernetes-ipv6"), StandInBackendPool(name: "aksOutboundBackendPool-ipv6"),
            StandInBackendPool(name: "nodeip-pool", ipAddresses: ["10.224.0.4"]),
        ]))
        fixture.standIn.seedLoadBalancer(resourceGroup: Self.rg, name: "kubernetes-internal", pools: ["kubernetes"])
        fixture.standIn.seedLoadBalancer(resourceGroup: Self.rg, name: "ingress-lb", pools: ["backend"])
        _ = try await fixture.launch("general-pools", types: [Self.type])

        let lbList = try #require(Self.requests(fixture, path: Self.lbListPath).first)
        #expect(lbList.apiVersion == "2022-07-01")
        let nicPut = try #require(Self.nicPuts(fixture, "general-pools").first)
        #expect(Self.poolIDs(nicPut.body) == [
            Self.poolID("kubernetes", "kubernetes"), Self.poolID("kubernetes", "aksOutboundBackendPool"),
            Self.poolID("kubernetes-internal", "kubernetes"),
        ])
        // Only the primary ipconfig (overlay: it is the only one).
        #expect(nicPut.body?["properties"]?["ipConfigurations"]?.arrayValue?.count == 1)
        #expect(fixture.standIn.networkInterfaces.first?.provisioningState == "Succeeded")
    }

    @Test func loadBalancerListFollowsNextLink() async throws {
        let fixture = try await AzureTestFixture.start()
        defer { Task { await fixture.shutdown() } }
        fixture.standIn.setImageListPageSize(1)
        fixture.standIn.seedLoadBalancer(resourceGroup: Self.rg, name: "other", pools: ["x"])
        fixture.standIn.seedLoadBalancer(resourceGroup: Self.rg, name: "kubernetes", pools: ["kubernetes"])
        fixture.standIn.seedLoadBalancer(resourceGroup: Self.rg, name: "kubernetes-internal", pools: ["kubernetes"])
        _ = try await fixture.launch("general-paged", types: [Self.type])

        let pages = Self.requests(fixture, path: Self.lbListPath)
        #expect(pages.count == 3)
        #expect(pages.dropFirst().allSatisfy { $0.query["$skiptoken"] != nil && $0.apiVersion == "2022-07-01" })
        #expect(Self.poolIDs(Self.nicPuts(fixture, "general-paged").first?.body)
                == [Self.poolID("kubernetes", "kubernetes"), Self.poolID("kubernetes-internal", "kubernetes")])
    }

    @Test func noClusterLoadBalancersMeansNoPools() async throws {
        let fixture = try await AzureTestFixture.start()
        defer { Task { await fixture.shutdown() } }
        fixture.standIn.seedLoadBalancer(resourceGroup: Self.rg, name: "kubernetes-ipv6", pools: ["kubernetes"])
        _ = try await fixture.launch("general-nolb", types: [Self.type])

        let nicPut = try #require(Self.nicPuts(fixture, "general-nolb").first)
        #expect(Self.primaryIPConfig(nicPut.body)?["properties"]?["loadBalancerBackendAddressPools"] == nil)
        #expect(fixture.standIn.virtualMachines.map(\.name) == ["aks-general-nolb"])
    }

    @Test func loadBalancersAndNSGAreListedOnceForSeveralLaunches() async throws {
        let fixture = try await AzureTestFixture.start()
        defer { Task { await fixture.shutdown() } }
        fixture.standIn.seedLoadBalancer(resourceGroup: Self.rg, name: "kubernetes", pools: ["kubernetes"])
        for name in ["general-c1", "general-c2", "general-c3"] {
            _ = try await fixture.launch(name, types: [Self.type])
        }
        async let fourth = fixture.launch("general-c4", types: [Self.type])
        async let fifth = fixture.launch("general-c5", types: [Self.type])
        _ = try await (fourth, fifth)

        #expect(Self.requests(fixture, path: Self.lbListPath).count == 1)
        #expect(Self.requests(fixture, path: Self.nsgListPath).count == 1)
        for name in ["general-c1", "general-c2", "general-c3", "general-c4", "general-c5"] {
            #expect(Self.poolIDs(Self.nicPuts(fixture, name).first?.body) == [Self.poolID("kubernetes", "kubernetes")])
        }
    }

    @Test func vanishedBackendPoolRefreshesPoolsOnceAndRetries() async throws {
        let fixture = try await AzureTestFixture.start()
        defer { Task { await fixture.shutdown() } }
        fixture.standIn.seedLoadBalancer(resourceGroup: Self.rg, name: "kubernetes", pools: ["kubernetes", "aksOutboundBackendPool"])
        _ = try await fixture.launch("general-v1", types: [Self.type])
        fixture.standIn.removeBackendPool(resourceGroup: Self.rg, loadBalancer: "kubernetes", pool: "aksOutboundBackendPool")

        _ = try await fixture.launch("general-v2", types: [Self.type])
        let puts = Self.nicPuts(fixture, "general-v2")
        #expect(puts.count == 2)
        #expect(Self.poolIDs(puts.first?.body) == [Self.poolID("kubernetes", "kubernetes"), Self.poolID("kubernetes", "aksOutboundBackendPool")])
        #expect(Self.poolIDs(puts.last?.body) == [Self.poolID("kubernetes", "kubernetes")])
        #expect(Self.requests(fixture, path: Self.lbListPath).count == 2)
        #expect(fixture.standIn.virtualMachines.map(\.name) == ["aks-general-v1", "aks-general-v2"])

        // The refreshed list is cached: the next launch lists nothing and succeeds first time.
        _ = try await fixture.launch("general-v3", types: [Self.type])
        #expect(Self.nicPuts(fixture, "general-v3").count == 1)
        #expect(Self.requests(fixture, path: Self.lbListPath).count == 2)
    }

    @Test func otherInvalidReferencesAreNotRetried() async throws {
        // A vanished NSG gives the same code but names no backend pool: one PUT, launch fails.
        let fixture = try await AzureTestFixture.start()
        defer { Task { await fixture.shutdown() } }
        _ = try await fixture.launch("general-n1", types: [Self.type])
        fixture.standIn.setDefaultNetworkSecurityGroup(nil)
        await #expect(throws: CloudProviderError.self) { try await fixture.launch("general-n2", types: [Self.type]) }
        #expect(Self.nicPuts(fixture, "general-n2").count == 1)
        #expect(Self.requests(fixture, path: Self.lbListPath).count == 1)
    }

    // MARK: NSG (step 6)

    @Test func byoSubnetGetsTheClusterNSG() async throws {
        let fixture = try await AzureTestFixture.start()
        defer { Task { await fixture.shutdown() } }
        fixture.standIn.seedNetworkSecurityGroup(resourceGroup: Self.rg, name: "custom-nsg")
        fixture.standIn.seedNetworkSecurityGroup(resourceGroup: Self.rg, name: "aks-agentpool-1234567-nsg")
        _ = try await fixture.launch("general-byo", types: [Self.type])

        let nsgList = try #require(Self.requests(fixture, path: Self.nsgListPath).first)
        #expect(nsgList.apiVersion == "2022-07-01")
        let nicPut = try #require(Self.nicPuts(fixture, "general-byo").first)
        #expect(nicPut.body?["properties"]?["networkSecurityGroup"] == .object(["id": .string(Self.defaultNSGID)]))
    }

    @Test func aksManagedSubnetNeedsNoNSG() async throws {
        let fixture = try await AzureTestFixture.start { $0.vnetSubnetID = NetworkingTests.managedSubnet }
        defer { Task { await fixture.shutdown() } }
        fixture.standIn.setDefaultNetworkSecurityGroup(nil)
        _ = try await fixture.launch("general-managed", types: [Self.type])

        #expect(Self.requests(fixture, path: Self.nsgListPath).isEmpty)
        let nicPut = try #require(Self.nicPuts(fixture, "general-managed").first)
        #expect(nicPut.body?["properties"]?["networkSecurityGroup"] == nil)
        #expect(Self.primaryIPConfig(nicPut.body)?["properties"]?["subnet"]?["id"] == .string(Self.managedSubnet))
    }

    @Test func nodeClassSubnetDecidesTheNSG() async throws {
        // Operator default is AKS-managed, the NodeClass brings its own subnet: NSG attached.
        let fixture = try await AzureTestFixture.start { $0.vnetSubnetID = NetworkingTests.managedSubnet }
        defer { Task { await fixture.shutdown() } }
        var nodeClass = AzureTestFixture.nodeClass()
        nodeClass.spec?.vnetSubnetID = AzureTestFixture.subnet
        _ = try await fixture.launch("general-nc", types: [Self.type], nodeClass: nodeClass)
        let nicPut = try #require(Self.nicPuts(fixture, "general-nc").first)
        #expect(nicPut.body?["properties"]?["networkSecurityGroup"]?["id"] == .string(Self.defaultNSGID))
        #expect(Self.primaryIPConfig(nicPut.body)?["properties"]?["subnet"]?["id"] == .string(AzureTestFixture.subnet))
    }

    @Test func noClusterNSGIsALaunchError() async throws {
        let fixture = try await AzureTestFixture.start()
        defer { Task { await fixture.shutdown() } }
        fixture.standIn.setDefaultNetworkSecurityGroup(nil)
        fixture.standIn.seedNetworkSecurityGroup(resourceGroup: Self.rg, name: "custom-nsg")
        let error = await #expect(throws: CloudProviderError.self) { try await fixture.launch("general-zero", types: [Self.type]) }
        #expect(error.map { "\($0)" }?.contains("expected exactly one, found none") == true)
        #expect(Self.nicPuts(fixture, "general-zero").isEmpty)
        #expect(fixture.standIn.requests(method: "PUT", pathContaining: "virtualMachines").isEmpty)

        // Failures are not cached: once the NSG exists the next launch lists again and succeeds.
        fixture.standIn.seedNetworkSecurityGroup(resourceGroup: Self.rg, name: "aks-agentpool-87654321-nsg")
        _ = try await fixture.launch("general-zero2", types: [Self.type])
        #expect(Self.requests(fixture, path: Self.nsgListPath).count == 2)
        #expect(Self.nicPuts(fixture, "general-zero2").first?.body?["properties"]?["networkSecurityGroup"]?["id"]
                == .string("\(Self.rgPath)/providers/Microsoft.Network/networkSecurityGroups/aks-agentpool-87654321-nsg"))
    }

    @Test func severalClusterNSGsAreALaunchError() async throws {
        let fixture = try await AzureTestFixture.start()
        defer { Task { await fixture.shutdown() } }
        fixture.standIn.seedNetworkSecurityGroup(resourceGroup: Self.rg, name: "aks-agentpool-87654321-nsg")
        let error = await #expect(throws: CloudProviderError.self) { try await fixture.launch("general-two", types: [Self.type]) }
        #expect(error.map { "\($0)" }?.contains("found aks-agentpool-12345678-nsg, aks-agentpool-87654321-nsg") == true)
        #expect(Self.nicPuts(fixture, "general-two").isEmpty)
    }

    // MARK: NIC details (step 7)

    @Test func azureCNIWithoutOverlayAddsSecondaryIPConfigs() async throws {
        let fixture = try await AzureTestFixture.start { $0.networkPluginMode = "" }
        defer { Task { await fixture.shutdown() } }
        fixture.standIn.seedLoadBalancer(resourceGroup: Self.rg, name: "kubernetes", pools: ["kubernetes"])
        _ = try await fixture.launch("general-cni", types: [Self.type])

        let nic = try #require(Self.nicPuts(fixture, "general-cni").first?.body)
        let configs = try #require(nic["properties"]?["ipConfigurations"]?.arrayValue)
        #expect(configs.count == 30)   // maxPods 30: the primary plus ipconfig1…ipconfig29
        #expect(configs.first?["name"] == .string("aks-general-cni"))
        #expect(configs.dropFirst().map { $0["name"]?.stringValue ?? "" } == (1...29).map { "ipconfig\($0)" })
        for config in configs.dropFirst() {
            #expect(config["properties"] == .object([
                "primary": .bool(false), "privateIPAllocationMethod": .string("Dynamic"),
                "subnet": .object(["id": .string(AzureTestFixture.subnet)]),
            ]))
        }
        #expect(Self.poolIDs(nic) == [Self.poolID("kubernetes", "kubernetes")])
    }

    @Test func cniSecondaryIPConfigsFollowNodeClassMaxPods() async throws {
        let fixture = try await AzureTestFixture.start { $0.networkPluginMode = "" }
        defer { Task { await fixture.shutdown() } }
        var nodeClass = AzureTestFixture.nodeClass()
        nodeClass.spec?.maxPods = 5
        _ = try await fixture.launch("general-cni5", types: [Self.type], nodeClass: nodeClass)
        let configs = Self.nicPuts(fixture, "general-cni5").first?.body?["properties"]?["ipConfigurations"]?.arrayValue ?? []
        #expect(configs.map { $0["name"]?.stringValue ?? "" } == ["aks-general-cni5", "ipconfig1", "ipconfig2", "ipconfig3", "ipconfig4"])
    }

    @Test(arguments: [true, false])
    func acceleratedNetworkingFollowsTheSKU(_ accelerated: Bool) async throws {
        let fixture = try await AzureTestFixture.start()
        defer { Task { await fixture.shutdown() } }
        let type = AzureTestFixture.instanceType("Standard_D2s_v3", price: 0.096, accelerated: accelerated)
        _ = try await fixture.launch("general-an", types: [type])
        let nic = try #require(Self.nicPuts(fixture, "general-an").first?.body)
        #expect(nic["properties"]?["enableAcceleratedNetworking"] == .bool(accelerated))
        #expect(nic["properties"]?["enableIPForwarding"] == .bool(false))
        let primary = try #require(Self.primaryIPConfig(nic))
        #expect(primary["name"] == .string("aks-general-an"))
        #expect(primary["properties"]?["primary"] == .bool(true))
        #expect(primary["properties"]?["privateIPAllocationMethod"] == .string("Dynamic"))
        #expect(nic["tags"]?["karpenter.azure.com_nodeclaim"] == .string("general-an"))
    }

    // MARK: VM body extras (step 8)

    @Test func trustedLaunchEncryptionAtHostUltraSSDAndDiskEncryptionSet() async throws {
        let des = "\(Self.rgPath)/providers/Microsoft.Compute/diskEncryptionSets/des-1"
        let identity = "/subscriptions/\(Self.sub)/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/kubelet"
        let fixture = try await AzureTestFixture.start {
            $0.diskEncryptionSetID = des
            $0.nodeIdentities = [identity]
        }
        defer { Task { await fixture.shutdown() } }
        var nodeClass = AzureTestFixture.nodeClass()
        nodeClass.spec?.security = AKSSecurity(encryptionAtHost: true, trustedLaunch: TrustedLaunch(vtpm: true, secureBoot: false))
        var claim = AzureTestFixture.nodeClaim("general-sec")
        claim.spec.requirements?.append(NodeSelectorRequirementWithMinValues(key: "karpenter.azure.com/sku-storage-ultra-ssd",
                                                                              operator: "In", values: ["true"]))
        _ = try await fixture.provider.create(LaunchRequest(nodeClaim: claim, nodeClass: nodeClass, instanceTypes: [Self.type]))

        let vm = try #require(fixture.standIn.requests(method: "PUT", pathContaining: "virtualMachines/aks-general-sec").first?.body)
        #expect(vm["identity"] == .object(["type": .string("UserAssigned"), "userAssignedIdentities": .object([identity: .object([:])])]))
        let properties = try #require(vm["properties"])
        #expect(properties["securityProfile"] == .object([
            "encryptionAtHost": .bool(true), "securityType": .string("TrustedLaunch"),
            "uefiSettings": .object(["secureBootEnabled": .bool(false), "vTpmEnabled": .bool(true)]),
        ]))
        #expect(properties["additionalCapabilities"] == .object(["ultraSSDEnabled": .bool(true)]))
        #expect(properties["storageProfile"]?["osDisk"]?["managedDisk"]?["diskEncryptionSet"] == .object(["id": .string(des)]))
    }

    @Test func plainLaunchHasNoSecurityProfileOrUltraSSD() async throws {
        let fixture = try await AzureTestFixture.start()
        defer { Task { await fixture.shutdown() } }
        _ = try await fixture.launch("general-plain", types: [Self.type])
        let vm = try #require(fixture.standIn.requests(method: "PUT", pathContaining: "virtualMachines/aks-general-plain").first?.body)
        #expect(vm["identity"] == nil)
        #expect(vm["properties"]?["securityProfile"] == nil)
        #expect(vm["properties"]?["additionalCapabilities"] == nil)
        #expect(vm["properties"]?["storageProfile"]?["osDisk"]?["managedDisk"]?["diskEncryptionSet"] == nil)
    }
}
