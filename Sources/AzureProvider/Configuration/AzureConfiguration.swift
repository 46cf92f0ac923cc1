import Foundation

/// What the Azure provider needs to know about the cluster and the cloud (CLOUD.md §1).
public struct AzureConfiguration: Sendable, Equatable {
    public var subscriptionID: String
    public var tenantID: String?
    public var location: String
    public var clusterName: String
    public var clusterEndpoint: String
    public var kubeletBootstrapToken: String
    /// The MC_ resource group where VMs and NICs are created.
    public var nodeResourceGroup: String
    public var vnetSubnetID: String
    public var networkPlugin: String
    public var networkPluginMode: String
    public var adminUsername: String
    public var sshPublicKey: String
    public var kubeletIdentityClientID: String?
    /// User-assigned identity resource IDs attached to every VM.
    public var nodeIdentities: [String]
    public var additionalTags: [String: String]
    /// Shared Image Gallery instead of the community gallery.
    public var useSIG: Bool
    public var sigSubscriptionID: String?
    /// `NODE_OSDISK_DISKENCRYPTIONSET_ID`: BYOK OS disk encryption (`managedDisk.diskEncryptionSet.id`).
    public var diskEncryptionSetID: String?

    /// Resource Manager endpoint: `https://management.azure.com`, or a stand-in.
    public var resourceManagerEndpoint: String
    /// The audience tokens are requested for; stays the public cloud's when the endpoint is a stand-in.
    public var tokenAudience: String
    /// Entra ID authority host (`https://login.microsoftonline.com`).
    public var authorityHost: String
    /// Instance Metadata Service (`http://169.254.169.254`).
    public var imdsEndpoint: String
    public var credentials: AzureCredentialSettings

    public init(subscriptionID: String, tenantID: String? = nil, location: String, clusterName: String,
                clusterEndpoint: String = "", kubeletBootstrapToken: String = "", nodeResourceGroup: String,
                vnetSubnetID: String, networkPlugin: String = "azure", networkPluginMode: String = "overlay",
                adminUsername: String = "azureuser", sshPublicKey: String = "", kubeletIdentityClientID: String? = nil,
                nodeIdentities: [String] = [], additionalTags: [String: String] = [:], useSIG: Bool = false,
                sigSubscriptionID: String? = nil,
                resourceManagerEndpoint: String = "https://management.azure.com",
                tokenAudience: String = "https://management.azure.com",
                authorityHost: String = "https://login.microsoftonline.com",
                imdsEndpoint: String = "http://169.254.169.254",
                credentials: AzureCredentialSettings = AzureCredentialSettings()) {
        self.subscriptionID = subscriptionID
        self.tenantID = tenantID
        self.location = location
        self.clusterName = clusterName
        self.clusterEndpoint = clusterEndpoint
        self.kubeletBootstrapToken = kubeletBootstrapToken
        self.nodeResourceGroup = nodeResourceGroup
        self.vnetSubnetID = vnetSubnetID
        self.networkPlugin = networkPlugin
        self.networkPluginMode = networkPluginMode
        self.adminUsername = adminUsername
        self.sshPublicKey = sshPublicKey
        self.kubeletIdentityClientID = kubeletIdentityClientID
        self.nodeIdentities = nodeIdentities
        self.additionalTags = additionalTags
        self.useSIG = useSIG
        self.sigSubscriptionID = sigSubscriptionID
        self.resourceManagerEndpoint = resourceManagerEndpoint
        self.tokenAudience = tokenAudience
        self.authorityHost = authorityHost
        self.imdsEndpoint = imdsEndpoint
        self.credentials = credentials
    }
}

/// The DefaultAzureCredential inputs (`AZURE_CLIENT_ID`, `AZURE_CLIENT_SECRET`, `AZURE_FEDERATED_TOKEN_FILE`).
public struct AzureCredentialSettings: Sendable, Equatable {
    public var clientID: String?
    public var clientSecret: String?
    public var federatedTokenFile: String?

    public init(clientID: String? = nil, clientSecret: String? = nil, federatedTokenFile: String? = nil) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.federatedTokenFile = federatedTokenFile
    }
}
