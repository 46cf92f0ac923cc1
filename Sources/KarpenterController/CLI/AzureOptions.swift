import ArgumentParser

/// The Azure settings (CLOUD.md §1), each with the environment variable the chart sets.
struct AzureOptions: ParsableArguments {
    @Option(name: .customLong("subscription-id"), help: "Azure subscription (env ARM_SUBSCRIPTION_ID or AZURE_SUBSCRIPTION_ID).")
    var subscriptionID: String?
    @Option(name: .customLong("tenant-id"), help: "Entra ID tenant (env AZURE_TENANT_ID or ARM_TENANT_ID).")
    var tenantID: String?
    @Option(name: .customLong("resource-group"), help: "The cluster's resource group (env ARM_RESOURCE_GROUP).")
    var resourceGroup: String?
    @Option(name: .customLong("node-resource-group"), help: "Resource group of the VMs, the MC_ group (env AZURE_NODE_RESOURCE_GROUP).")
    var nodeResourceGroup: String?
    @Option(name: .customLong("cluster-name"), help: "AKS cluster name (env CLUSTER_NAME).")
    var clusterName: String?
    @Option(name: .customLong("cluster-endpoint"), help: "API server URL nodes join (env CLUSTER_ENDPOINT).")
    var clusterEndpoint: String?
    @Option(name: .customLong("vnet-subnet-id"), help: "Default subnet of node NICs (env VNET_SUBNET_ID).")
    var vnetSubnetID: String?
    @Option(name: .customLong("network-plugin"), help: "azure, kubenet or none (env NETWORK_PLUGIN; default azure).")
    var networkPlugin: String?
    @Option(name: .customLong("network-plugin-mode"), help: "overlay or empty (env NETWORK_PLUGIN_MODE; default overlay).")
    var networkPluginMode: String?
    @Option(name: .customLong("vm-memory-overhead-percent"), help: "Hypervisor memory share (env VM_MEMORY_OVERHEAD_PERCENT; default 0.075).")
    var vmMemoryOverheadPercent: Double?
    @Option(name: .customLong("kubelet-bootstrap-token"), help: "Bootstrap token nodes join with (env KUBELET_BOOTSTRAP_TOKEN).")
    var kubeletBootstrapToken: String?
    @Option(name: .customLong("ssh-public-key"), help: "SSH key put on nodes (env SSH_PUBLIC_KEY).")
    var sshPublicKey: String?
    @Option(name: .customLong("provision-mode"), help: "aksscriptless or bootstrappingclient (env PROVISION_MODE; default aksscriptless).")
    var provisionMode: String?
}
