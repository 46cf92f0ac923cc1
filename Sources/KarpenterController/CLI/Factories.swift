import ArgumentParser
import Foundation
import AzureProvider
import SimulatedCloud
import KarpenterCloud
import KubeClient
import Logging

/// Builds the cloud provider the settings name, sharing the controller's unavailable-offerings cache.
enum CloudProviderFactory {
    static func make(_ settings: ControllerSettings, client: KubernetesClient, unavailable: UnavailableOfferings,
                     environment: [String: String], logger: Logger) -> any CloudProvider {
        switch settings.provider {
        case .simulated:
            return SimulatedCloudProvider(client: client, unavailableOfferings: unavailable, logger: logger.labelled("cloudprovider.simulated"))
        case .azure:
            let azure = settings.azure
            var configuration = AzureConfiguration(
                subscriptionID: azure.subscriptionID ?? "", tenantID: azure.tenantID, location: azure.region,
                clusterName: azure.clusterName ?? "", clusterEndpoint: azure.clusterEndpoint ?? "",
                kubeletBootstrapToken: azure.kubeletBootstrapToken ?? "", nodeResourceGroup: azure.nodeResourceGroup ?? "",
                vnetSubnetID: azure.vnetSubnetID ?? "", networkPlugin: azure.networkPlugin, networkPluginMode: azure.networkPluginMode,
                sshPublicKey: azure.sshPublicKey ?? "", kubeletIdentityClientID: environment["KUBELET_IDENTITY_CLIENT_ID"],
                credentials: AzureCredentialSettings(clientID: environment["AZURE_CLIENT_ID"], clientSecret: environment["AZURE_CLIENT_SECRET"],
                                                     federatedTokenFile: environment["AZURE_FEDERATED_TOKEN_FILE"]))
            // Sovereign clouds and local stand-ins: the same variable names as the Azure SDKs.
            if let endpoint = nonEmpty(environment["ARM_RESOURCE_MANAGER_ENDPOINT"]) { configuration.resourceManagerEndpoint = endpoint }
            if let host = nonEmpty(environment["AZURE_AUTHORITY_HOST"]) { configuration.authorityHost = host }
            if let imds = nonEmpty(environment["IMDS_ENDPOINT"]) { configuration.imdsEndpoint = imds }
            return AzureCloudProvider(configuration: configuration, unavailableOfferings: unavailable, logger: logger.labelled("cloudprovider.azure"))
        }
    }
}

private func nonEmpty(_ value: String?) -> String? {
    guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
    return value
}

/// The Lease elector when leader election is on, else `AlwaysLeading`.
enum LeadershipFactory {
    static func make(_ options: ControllerOptions, client: KubernetesClient) -> any Leadership {
        guard let election = options.leaderElection else { return AlwaysLeading() }
        return LeaderElector(client: client, namespace: election.namespace, name: election.name, identity: election.identity)
    }
}
