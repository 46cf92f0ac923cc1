import AzureProvider
import Testing

@Suite("Configuration from the environment")
struct ConfigurationTests {
    static let complete = [
        "AZURE_SUBSCRIPTION_ID": "sub-1", "AZURE_TENANT_ID": "tenant-1", "LOCATION": "eastus",
        "AZURE_NODE_RESOURCE_GROUP": "MC_rg_c_eastus", "CLUSTER_NAME": "c", "CLUSTER_ENDPOINT": "https://c:443",
        "KUBELET_BOOTSTRAP_TOKEN": "a.b", "SSH_PUBLIC_KEY": "ssh-rsa AAA", "VNET_SUBNET_ID": "/subscriptions/s/x/subnets/n",
        "ADDITIONAL_TAGS": "team=platform, tier=gold", "NETWORK_PLUGIN_MODE": "", "AZURE_CLIENT_ID": "cid",
        "AZURE_FEDERATED_TOKEN_FILE": "/var/run/secrets/azure/tokens/azure-identity-token",
    ]

    @Test func readsEverySetting() throws {
        let configuration = try AzureConfiguration.fromEnvironment(Self.complete)
        #expect(configuration.subscriptionID == "sub-1")
        #expect(configuration.nodeResourceGroup == "MC_rg_c_eastus")
        #expect(configuration.additionalTags == ["team": "platform", "tier": "gold"])
        #expect(configuration.networkPlugin == "azure")
        #expect(configuration.networkPluginMode == "overlay")
        #expect(configuration.adminUsername == "azureuser")
        #expect(configuration.resourceManagerEndpoint == "https://management.azure.com")
        #expect(configuration.credentials.federatedTokenFile == "/var/run/secrets/azure/tokens/azure-identity-token")
        #expect(configuration.defaultCredential().methodName == "workload identity")
    }

    @Test func reportsEveryMissingSettingAtOnce() {
        #expect(throws: AzureConfigurationError(problems: [
            "ARM_SUBSCRIPTION_ID or AZURE_SUBSCRIPTION_ID is required", "LOCATION is required",
            "AZURE_NODE_RESOURCE_GROUP is required", "CLUSTER_NAME is required", "CLUSTER_ENDPOINT is required",
            "KUBELET_BOOTSTRAP_TOKEN is required", "SSH_PUBLIC_KEY is required", "VNET_SUBNET_ID is required",
        ])) {
            _ = try AzureConfiguration.fromEnvironment(["LOCATION": " "])
        }
    }

    @Test func credentialOrderFollowsDefaultAzureCredential() throws {
        var environment = Self.complete
        environment["AZURE_CLIENT_SECRET"] = "secret"
        #expect(try AzureConfiguration.fromEnvironment(environment).defaultCredential().methodName == "client secret")
        environment["AZURE_CLIENT_SECRET"] = nil
        environment["AZURE_FEDERATED_TOKEN_FILE"] = nil
        #expect(try AzureConfiguration.fromEnvironment(environment).defaultCredential().methodName == "managed identity")
    }
}
