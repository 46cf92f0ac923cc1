import Foundation

/// Every required setting that was missing, reported at once.
public struct AzureConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var problems: [String]

    public init(problems: [String]) {
        self.problems = problems
    }

    public var description: String { "invalid Azure configuration: " + problems.joined(separator: "; ") }
}

extension AzureConfiguration {
    /// Reads the operator's environment variables (CLOUD.md §1). Both `ARM_CLOUD` and
    /// `AZURE_ENVIRONMENT_FILEPATH` set is an error; only the public cloud is built in.
    public static func fromEnvironment(_ environment: [String: String]) throws(AzureConfigurationError) -> AzureConfiguration {
        func value(_ names: String...) -> String? {
            for name in names { if let text = environment[name]?.trimmingCharacters(in: .whitespaces), !text.isEmpty { return text } }
            return nil
        }
        var problems: [String] = []
        func required(_ names: String...) -> String {
            for name in names { if let text = environment[name]?.trimmingCharacters(in: .whitespaces), !text.isEmpty { return text } }
            problems.append("\(names.joined(separator: " or ")) is required")
            return ""
        }
        let subscription = required("ARM_SUBSCRIPTION_ID", "AZURE_SUBSCRIPTION_ID")
        let location = required("LOCATION")
        let nodeResourceGroup = required("AZURE_NODE_RESOURCE_GROUP")
        let clusterName = required("CLUSTER_NAME")
        let clusterEndpoint = required("CLUSTER_ENDPOINT")
        let bootstrapToken = required("KUBELET_BOOTSTRAP_TOKEN")
        let sshKey = required("SSH_PUBLIC_KEY")
        let subnet = required("VNET_SUBNET_ID")
        if value("ARM_CLOUD") != nil && value("AZURE_ENVIRONMENT_FILEPATH") != nil {
            problems.append("ARM_CLOUD and AZURE_ENVIRONMENT_FILEPATH are both set; set one")
        }
        if let cloud = value("ARM_CLOUD"), cloud.caseInsensitiveCompare("AzurePublicCloud") != .orderedSame,
           environment["ARM_RESOURCE_MANAGER_ENDPOINT"] == nil {
            problems.append("ARM_CLOUD=\(cloud) is not built in; set ARM_RESOURCE_MANAGER_ENDPOINT")
        }
        var tags: [String: String] = [:]
        for pair in (value("ADDITIONAL_TAGS") ?? "").split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else {
                problems.append("ADDITIONAL_TAGS entry '\(pair)' is not key=value")
                continue
            }
            tags[String(parts[0]).trimmingCharacters(in: .whitespaces)] = String(parts[1]).trimmingCharacters(in: .whitespaces)
        }
        guard problems.isEmpty else { throw AzureConfigurationError(problems: problems) }

        var configuration = AzureConfiguration(
            subscriptionID: subscription, tenantID: value("AZURE_TENANT_ID", "ARM_TENANT_ID"), location: location,
            clusterName: clusterName, clusterEndpoint: clusterEndpoint, kubeletBootstrapToken: bootstrapToken,
            nodeResourceGroup: nodeResourceGroup, vnetSubnetID: subnet,
            networkPlugin: value("NETWORK_PLUGIN") ?? "azure", networkPluginMode: value("NETWORK_PLUGIN_MODE") ?? "overlay",
            adminUsername: value("LINUX_ADMIN_USERNAME") ?? "azureuser", sshPublicKey: sshKey,
            kubeletIdentityClientID: value("KUBELET_IDENTITY_CLIENT_ID"),
            nodeIdentities: (value("NODE_IDENTITIES") ?? "").split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) },
            additionalTags: tags, useSIG: value("USE_SIG")?.lowercased() == "true", sigSubscriptionID: value("SIG_SUBSCRIPTION_ID"),
            credentials: AzureCredentialSettings(clientID: value("AZURE_CLIENT_ID"), clientSecret: value("AZURE_CLIENT_SECRET"),
                                                 federatedTokenFile: value("AZURE_FEDERATED_TOKEN_FILE")))
        if let endpoint = value("ARM_RESOURCE_MANAGER_ENDPOINT") { configuration.resourceManagerEndpoint = endpoint }
        if let host = value("AZURE_AUTHORITY_HOST") { configuration.authorityHost = host }
        configuration.diskEncryptionSetID = value("NODE_OSDISK_DISKENCRYPTIONSET_ID")
        return configuration
    }
}
