import KarpenterAPI
import KarpenterCloud

extension AzureCloudProvider {
    /// This cluster's VMs from Azure Resource Graph (CLOUD.md §3): tagged `karpenter.sh_nodepool`, in the
    /// node resource group, not AKS-machine ones, not being deleted; with `timeCreated` for garbage collection.
    public func list() async throws(CloudProviderError) -> [CloudInstance] {
        let query = """
        Resources
        | where type == 'microsoft.compute/virtualmachines'
        | where resourceGroup == '\(configuration.nodeResourceGroup.lowercased())'
        | where tags has_cs '\(ResourceTags.nodePool)'
        | where not(tags has_cs 'karpenter.azure.com_aksmachine_nodeclaim')
        """
        var instances: [CloudInstance] = []
        var skipToken: String?
        repeat {
            var options: [(String, JSONValue)] = [("resultFormat", .string("objectArray"))]
            if let skipToken { options.append(("$skipToken", .string(skipToken))) }
            let body: JSONValue = .object([
                "subscriptions": .array([.string(configuration.subscriptionID)]),
                "query": .string(query),
                "options": .object(.init(uniqueKeysWithValues: options)),
            ])
            let page: ARMResponse
            do {
                page = try await arm.send(.POST, path: "/providers/Microsoft.ResourceGraph/resources",
                                          apiVersion: APIVersion.resourceGraph, body: body)
            } catch {
                throw error.cloudError(providerID: "")
            }
            for row in page.body?["data"]?.arrayValue ?? [] {
                guard row["id"]?.stringValue != nil, row["name"]?.stringValue != nil, row["tags"]?.objectValue != nil,
                      let instance = VirtualMachineReading.instance(row, configuration: configuration) else {
                    throw .permanent("Resource Graph returned a VM row without id, name or tags")
                }
                if instance.state != .deleting { instances.append(instance) }
            }
            skipToken = page.body?["$skipToken"]?.stringValue
        } while skipToken != nil
        return instances
    }
}
