import ArgumentParser
import KarpenterAzure

/// The Azure options resolved from flags and their environment twins (CLOUD.md §1).
struct AzureSettings: Sendable {
    var subscriptionID: String?
    var tenantID: String?
    var resourceGroup: String?
    var nodeResourceGroup: String?
    var clusterName: String?
    var clusterEndpoint: String?
    var vnetSubnetID: String?
    var networkPlugin: String
    var networkPluginMode: String
    var vmMemoryOverheadPercent: Double
    var kubeletBootstrapToken: String?
    var sshPublicKey: String?
    var provisionMode: String
    var region: String

    static func resolve(_ flags: AzureOptions, environment env: EnvironmentTwin, region: String) -> AzureSettings {
        AzureSettings(
            subscriptionID: env.string(flags.subscriptionID, ["ARM_SUBSCRIPTION_ID", "AZURE_SUBSCRIPTION_ID"]),
            tenantID: env.string(flags.tenantID, ["AZURE_TENANT_ID", "ARM_TENANT_ID"]),
            resourceGroup: env.string(flags.resourceGroup, ["ARM_RESOURCE_GROUP"]),
            nodeResourceGroup: env.string(flags.nodeResourceGroup, ["AZURE_NODE_RESOURCE_GROUP"]),
            clusterName: env.string(flags.clusterName, ["CLUSTER_NAME"]),
            clusterEndpoint: env.string(flags.clusterEndpoint, ["CLUSTER_ENDPOINT"]),
            vnetSubnetID: env.string(flags.vnetSubnetID, ["VNET_SUBNET_ID"]),
            networkPlugin: env.string(flags.networkPlugin, ["NETWORK_PLUGIN"], default: "azure") ?? "azure",
            networkPluginMode: env.string(flags.networkPluginMode, ["NETWORK_PLUGIN_MODE"], default: "overlay") ?? "overlay",
            vmMemoryOverheadPercent: flags.vmMemoryOverheadPercent
                ?? env.string(nil, ["VM_MEMORY_OVERHEAD_PERCENT"]).flatMap(Double.init) ?? 0.075,
            kubeletBootstrapToken: env.string(flags.kubeletBootstrapToken, ["KUBELET_BOOTSTRAP_TOKEN"]),
            sshPublicKey: env.string(flags.sshPublicKey, ["SSH_PUBLIC_KEY"]),
            provisionMode: env.string(flags.provisionMode, ["PROVISION_MODE"], default: "aksscriptless") ?? "aksscriptless",
            region: region)
    }

    /// What `--cloud-provider azure` cannot start without.
    func validate() throws {
        let required: [(String?, String)] = [
            (subscriptionID, "--subscription-id (ARM_SUBSCRIPTION_ID)"),
            (nodeResourceGroup, "--node-resource-group (AZURE_NODE_RESOURCE_GROUP)"),
            (clusterName, "--cluster-name (CLUSTER_NAME)"),
            (vnetSubnetID, "--vnet-subnet-id (VNET_SUBNET_ID)"),
        ]
        let missing = required.filter { $0.0?.isEmpty ?? true }.map(\.1)
        if !missing.isEmpty {
            throw ValidationError("--cloud-provider azure needs \(missing.joined(separator: ", ")); or use --cloud-provider simulated")
        }
        guard (0..<1).contains(vmMemoryOverheadPercent) else {
            throw ValidationError("--vm-memory-overhead-percent \(vmMemoryOverheadPercent) must be at least 0 and below 1")
        }
    }

    var operatorOptions: AzureOperatorOptions {
        AzureOperatorOptions(region: region, vmMemoryOverheadPercent: vmMemoryOverheadPercent, networkPlugin: networkPlugin,
                             networkPluginMode: networkPluginMode, nodeResourceGroup: nodeResourceGroup)
    }
}
