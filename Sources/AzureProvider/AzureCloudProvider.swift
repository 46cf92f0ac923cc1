import Foundation
import KarpenterAPI
import KarpenterCloud
import Logging

/// Karpenter's cloud provider for AKS: VMs and NICs in the node resource group through Azure
/// Resource Manager (CLOUD.md §3–§9).
public final class AzureCloudProvider: CloudProvider {
    public let name = "azure"
    public let configuration: AzureConfiguration
    let arm: ARMClient
    let unavailable: UnavailableOfferings
    let timing: AzureTiming
    let logger: Logger
    let deletes = InFlightDeletes()
    let networkCache = NetworkingCache()
    let ephemeralDisks: EphemeralOSDiskPlacements

    /// `credential` defaults to `configuration.defaultCredential()` (client secret, workload identity, managed identity).
    public init(configuration: AzureConfiguration, credential: (any AzureCredential)? = nil,
                unavailableOfferings: UnavailableOfferings, timing: AzureTiming = AzureTiming(),
                logger: Logger = Logger(label: "karpenter.azure")) {
        self.configuration = configuration
        self.unavailable = unavailableOfferings
        self.timing = timing
        self.logger = logger
        ephemeralDisks = EphemeralOSDiskPlacements(region: configuration.location)
        let resolved = credential ?? configuration.defaultCredential(requestTimeout: timing.requestTimeout)
        arm = ARMClient(endpoint: configuration.resourceManagerEndpoint, credential: resolved, timing: timing, logger: logger)
    }

    var operations: LongRunningOperation { LongRunningOperation(client: arm) }

    func resourcePath(_ namespace: String, _ type: String, _ name: String) -> String {
        "/subscriptions/\(configuration.subscriptionID)/resourceGroups/\(configuration.nodeResourceGroup)/providers/\(namespace)/\(type)/\(name)"
    }

    func vmPath(_ name: String) -> String { resourcePath("Microsoft.Compute", "virtualMachines", name) }
    func nicPath(_ name: String) -> String { resourcePath("Microsoft.Network", "networkInterfaces", name) }

    func providerID(vmName: String) -> String {
        AzureProviderID.make(subscription: configuration.subscriptionID, resourceGroup: configuration.nodeResourceGroup, vmName: vmName)
    }

    /// The VM, or nil when ARM says it does not exist.
    func fetchVM(_ vmName: String) async throws(CloudProviderError) -> JSONValue? {
        do {
            return try await arm.send(.GET, path: vmPath(vmName), apiVersion: APIVersion.compute).body
        } catch {
            if error.isNotFound { return nil }
            throw error.cloudError(providerID: providerID(vmName: vmName))
        }
    }

    public func get(providerID: String) async throws(CloudProviderError) -> CloudInstance {
        guard let vmName = AzureProviderID.vmName(providerID) else { throw .permanent("\(providerID) is not an Azure VM provider ID") }
        guard let vm = try await fetchVM(vmName), let instance = VirtualMachineReading.instance(vm, configuration: configuration) else {
            throw .notFound(providerID: providerID)
        }
        return instance
    }
}
