import AzureProvider
import AzureStandIn
import Foundation
import KarpenterAPI
import KarpenterCloud
import KarpenterScheduling

/// A stand-in plus a provider pointed at it with a client-secret credential and fast timing.
struct AzureTestFixture {
    static let subscription = "11111111-2222-3333-4444-555555555555"
    static let tenant = "tenant-1"
    static let resourceGroup = "MC_rg_aks-test_eastus"
    static let subnet = "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/nodes"

    let standIn: AzureStandIn
    let provider: AzureCloudProvider
    let unavailable: UnavailableOfferings

    static func start(credentials: AzureCredentialSettings? = nil, timing: AzureTiming = .fast,
                      configure: (inout AzureConfiguration) -> Void = { _ in }) async throws -> AzureTestFixture {
        let standIn = try await AzureStandIn.start()
        standIn.registerClientSecret(clientID: "karpenter-app", secret: "s3cret")
        standIn.setOperationPolls(2)
        var configuration = configuration(standIn, credentials: credentials)
        configure(&configuration)
        let unavailable = UnavailableOfferings()
        let provider = AzureCloudProvider(configuration: configuration, unavailableOfferings: unavailable, timing: timing)
        return AzureTestFixture(standIn: standIn, provider: provider, unavailable: unavailable)
    }

    static func configuration(_ standIn: AzureStandIn, credentials: AzureCredentialSettings? = nil) -> AzureConfiguration {
        AzureConfiguration(
            subscriptionID: subscription, tenantID: tenant, location: "eastus", clusterName: "aks-test",
            clusterEndpoint: "https://aks-test.hcp.eastus.azmk8s.io:443", kubeletBootstrapToken: "abcdef.0123456789abcdef",
            nodeResourceGroup: resourceGroup, vnetSubnetID: subnet, sshPublicKey: "ssh-rsa AAAAB3Nza test@example",
            additionalTags: ["team": "platform", "cost/center": "42"],
            resourceManagerEndpoint: standIn.baseURL, authorityHost: standIn.baseURL, imdsEndpoint: standIn.baseURL,
            credentials: credentials ?? AzureCredentialSettings(clientID: "karpenter-app", clientSecret: "s3cret"))
    }

    func shutdown() async { await standIn.shutdown() }

    // MARK: Inputs

    /// An instance type with on-demand and spot offerings in `zones` (`"0"` = regional).
    static func instanceType(_ name: String, price: Double, spotPrice: Double? = nil,
                             zones: [String] = ["eastus-1", "eastus-2", "eastus-3"], accelerated: Bool = true) -> InstanceType {
        var offerings: [Offering] = []
        for zone in zones {
            let scope = zone == "0" ? "regional" : "zonal"
            offerings.append(Offering(zone: zone, capacityType: "on-demand", price: price, available: true, extraRequirements: [
                .in("karpenter.azure.com/placement-scope", [scope]), .in("kubernetes.azure.com/scalesetpriority", ["regular"]),
            ]))
            offerings.append(Offering(zone: zone, capacityType: "spot", price: spotPrice ?? price / 5, available: true, extraRequirements: [
                .in("karpenter.azure.com/placement-scope", [scope]), .in("kubernetes.azure.com/scalesetpriority", ["spot"]),
            ]))
        }
        let requirements = Requirements([
            .in("node.kubernetes.io/instance-type", [name]), .in("kubernetes.io/arch", ["amd64"]), .in("kubernetes.io/os", ["linux"]),
            .in("topology.kubernetes.io/zone", zones), .in("karpenter.sh/capacity-type", ["on-demand", "spot"]),
            .in("karpenter.azure.com/sku-name", [name]), .in("karpenter.azure.com/sku-family", ["D"]),
            .in("karpenter.azure.com/sku-cpu", ["2"]), .in("karpenter.azure.com/sku-hyperv-generation", ["2"]),
            .in("karpenter.azure.com/sku-networking-accelerated", [accelerated ? "true" : "false"]),
            .in("karpenter.azure.com/sku-storage-premium-capable", ["true"]),
        ])
        return InstanceType(name: name, requirements: requirements,
                            capacity: ResourceVector(cpuMillis: 2000, memoryBytes: 8 << 30, ephemeralStorageBytes: 128_000_000_000, pods: 250),
                            overhead: InstanceTypeOverhead(kubeReserved: ResourceVector(cpuMillis: 100, memoryBytes: 1843 << 20)),
                            offerings: offerings)
    }

    static func nodeClaim(_ name: String, capacityTypes: [String] = ["on-demand"], zones: [String]? = nil) -> NodeClaim {
        var requirements = [NodeSelectorRequirementWithMinValues(key: "karpenter.sh/capacity-type", operator: "In", values: capacityTypes)]
        if let zones {
            requirements.append(NodeSelectorRequirementWithMinValues(key: "topology.kubernetes.io/zone", operator: "In", values: zones))
        }
        return NodeClaim(metadata: ObjectMeta(name: name, labels: ["karpenter.sh/nodepool": "general"]),
                         spec: NodeClaimSpec(nodeClassRef: NodeClassReference(group: "karpenter.azure.com", kind: "AKSNodeClass", name: "default"),
                                             requirements: requirements))
    }

    static func nodeClass(images: [String] = []) -> AKSNodeClass {
        AKSNodeClass(metadata: ObjectMeta(name: "default"),
                     spec: AKSNodeClassSpec(osDiskSizeGB: 64, imageFamily: .ubuntu2204, tags: ["env": "test"]),
                     status: AKSNodeClassStatus(images: images.map { NodeImage(id: $0) }, kubernetesVersion: "1.31.2"))
    }

    func launch(_ name: String, types: [InstanceType], capacityTypes: [String] = ["on-demand"], zones: [String]? = nil,
                nodeClass: AKSNodeClass? = AzureTestFixture.nodeClass()) async throws(CloudProviderError) -> LaunchedInstance {
        try await provider.create(LaunchRequest(nodeClaim: Self.nodeClaim(name, capacityTypes: capacityTypes, zones: zones),
                                                nodeClass: nodeClass, instanceTypes: types))
    }
}
