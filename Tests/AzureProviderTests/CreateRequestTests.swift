import AzureProvider
import AzureStandIn
import Foundation
import KarpenterAPI
import KarpenterCloud
import Testing

@Suite("Create: request paths, api-versions and bodies")
struct CreateRequestTests {
    @Test func onDemandZonalLaunchSendsCloudMdBodies() async throws {
        let fixture = try await AzureTestFixture.start()
        defer { Task { await fixture.shutdown() } }
        let type = AzureTestFixture.instanceType("Standard_D2s_v3", price: 0.096)
        let launched = try await fixture.launch("general-abcde", types: [type])

        let rg = AzureTestFixture.resourceGroup
        #expect(launched.providerID == "azure:///subscriptions/\(AzureTestFixture.subscription)/resourceGroups/\(rg.lowercased())/providers/Microsoft.Compute/virtualMachines/aks-general-abcde")
        #expect(launched.instanceType == "Standard_D2s_v3")
        #expect(launched.zone == "eastus-1")
        #expect(launched.capacityType == "on-demand")
        #expect(launched.labels["karpenter.azure.com/sku-family"] == "D")
        #expect(launched.labels["topology.kubernetes.io/zone"] == "eastus-1")
        #expect(launched.labels["karpenter.sh/nodepool"] == "general")
        #expect(launched.labels["kubernetes.azure.com/scalesetpriority"] == "regular")
        #expect(launched.capacity["cpu"] == (try Quantity(parsing: "2")))
        #expect(launched.allocatable["cpu"] == (try Quantity(parsing: "1900m")))

        let nicPut = try #require(fixture.standIn.requests(method: "PUT", pathContaining: "networkInterfaces/aks-general-abcde").first)
        #expect(nicPut.path == "/subscriptions/\(AzureTestFixture.subscription)/resourceGroups/\(rg)/providers/Microsoft.Network/networkInterfaces/aks-general-abcde")
        #expect(nicPut.apiVersion == "2022-07-01")
        let nic = try #require(nicPut.body)
        #expect(nic["location"] == .string("eastus"))
        let ipConfig = try #require(nic["properties"]?["ipConfigurations"]?.arrayValue?.first)
        #expect(ipConfig["name"] == .string("aks-general-abcde"))
        #expect(ipConfig["properties"]?["primary"] == .bool(true))
        #expect(ipConfig["properties"]?["privateIPAllocationMethod"] == .string("Dynamic"))
        #expect(ipConfig["properties"]?["subnet"]?["id"] == .string(AzureTestFixture.subnet))
        #expect(nic["properties"]?["enableAcceleratedNetworking"] == .bool(true))
        #expect(nic["properties"]?["enableIPForwarding"] == .bool(false))

        let vmPut = try #require(fixture.standIn.requests(method: "PUT", pathContaining: "virtualMachines/aks-general-abcde").first)
        #expect(vmPut.path == "/subscriptions/\(AzureTestFixture.subscription)/resourceGroups/\(rg)/providers/Microsoft.Compute/virtualMachines/aks-general-abcde")
        #expect(vmPut.apiVersion == "2025-04-01")
        #expect(vmPut.authorization.map { $0.hasPrefix("Bearer standin-token-") } == true)
        #expect(vmPut.headers["x-ms-client-request-id"]?.isEmpty == false)
        let vm = try #require(vmPut.body)
        #expect(vm["location"] == .string("eastus"))
        #expect(vm["zones"] == .array([.string("1")]))
        let properties = try #require(vm["properties"])
        #expect(properties["hardwareProfile"]?["vmSize"] == .string("Standard_D2s_v3"))
        #expect(properties["priority"] == .string("Regular"))
        #expect(properties["evictionPolicy"] == nil)
        let osDisk = try #require(properties["storageProfile"]?["osDisk"])
        #expect(osDisk["name"] == .string("aks-general-abcde"))
        #expect(osDisk["diskSizeGB"] == .number("64"))
        #expect(osDisk["createOption"] == .string("FromImage"))
        #expect(osDisk["deleteOption"] == .string("Delete"))
        #expect(properties["storageProfile"]?["imageReference"]?["communityGalleryImageId"]
                == .string("/CommunityGalleries/AKSUbuntu-38d80f77-467a-481f-a8d4-09b6d4220bd2/images/2204gen2containerd/versions/latest"))
        let nicReference = try #require(properties["networkProfile"]?["networkInterfaces"]?.arrayValue?.first)
        #expect(nicReference["id"] == .string(nicPut.path))
        #expect(nicReference["properties"]?["primary"] == .bool(true))
        #expect(nicReference["properties"]?["deleteOption"] == .string("Delete"))
        let osProfile = try #require(properties["osProfile"])
        #expect(osProfile["adminUsername"] == .string("azureuser"))
        #expect(osProfile["computerName"] == .string("aks-general-abcde"))
        #expect(osProfile["linuxConfiguration"]?["disablePasswordAuthentication"] == .bool(true))
        let key = try #require(osProfile["linuxConfiguration"]?["ssh"]?["publicKeys"]?.arrayValue?.first)
        #expect(key["path"] == .string("/home/azureuser/.ssh/authorized_keys"))
        #expect(key["keyData"] == .string("ssh-rsa AAAAB3Nza test@example"))
        let customData = try #require(osProfile["customData"]?.stringValue)
        let script = String(decoding: try #require(Data(base64Encoded: customData)), as: UTF8.self)
        #expect(script.contains("--cloud-provider=external"))
        #expect(script.contains("karpenter.sh/unregistered:NoExecute"))
        #expect(script.contains("TLS_BOOTSTRAP_TOKEN=\"abcdef.0123456789abcdef\""))

        for body in [vm, nic] {
            #expect(body["tags"] == .object([
                "compute.aks.billing": .string("linux"), "cost_center": .string("42"), "env": .string("test"),
                "karpenter.azure.com_cluster": .string("aks-test"), "karpenter.azure.com_nodeclaim": .string("general-abcde"),
                "karpenter.sh_nodepool": .string("general"), "team": .string("platform"),
            ]))
        }
        #expect(fixture.standIn.virtualMachines.map(\.provisioningState) == ["Succeeded"])
    }

    @Test func spotLaunchSetsPriorityEvictionAndMaxPrice() async throws {
        let fixture = try await AzureTestFixture.start()
        defer { Task { await fixture.shutdown() } }
        let type = AzureTestFixture.instanceType("Standard_D2s_v3", price: 0.096)
        let launched = try await fixture.launch("spot-1", types: [type], capacityTypes: ["spot"])
        #expect(launched.capacityType == "spot")
        let vm = try #require(fixture.standIn.requests(method: "PUT", pathContaining: "virtualMachines/aks-spot-1").first?.body)
        #expect(vm["properties"]?["priority"] == .string("Spot"))
        #expect(vm["properties"]?["evictionPolicy"] == .string("Delete"))
        #expect(vm["properties"]?["billingProfile"]?["maxPrice"] == .number("-1"))
        #expect(fixture.standIn.virtualMachines.first?.priority == "Spot")
    }

    @Test func regionalOfferingCreatesVMWithoutZones() async throws {
        let fixture = try await AzureTestFixture.start()
        defer { Task { await fixture.shutdown() } }
        let type = AzureTestFixture.instanceType("Standard_B2s", price: 0.04, zones: ["0"])
        let launched = try await fixture.launch("regional-1", types: [type])
        #expect(launched.zone == "0")
        let vm = try #require(fixture.standIn.requests(method: "PUT", pathContaining: "virtualMachines/aks-regional-1").first?.body)
        #expect(vm["zones"] == nil)
        #expect(fixture.standIn.virtualMachines.first?.zones == [])
    }

    @Test func resolvedNodeClassImageIsUsed() async throws {
        let fixture = try await AzureTestFixture.start()
        defer { Task { await fixture.shutdown() } }
        let image = "/CommunityGalleries/AKSUbuntu-38d80f77-467a-481f-a8d4-09b6d4220bd2/images/2204gen2containerd/versions/202505.27.0"
        let launched = try await fixture.launch("image-1", types: [AzureTestFixture.instanceType("Standard_D2s_v3", price: 0.1)],
                                                nodeClass: AzureTestFixture.nodeClass(images: [image]))
        #expect(launched.imageID == image)
        let vm = try #require(fixture.standIn.requests(method: "PUT", pathContaining: "virtualMachines/aks-image-1").first?.body)
        #expect(vm["properties"]?["storageProfile"]?["imageReference"]?["communityGalleryImageId"] == .string(image))
    }
}
