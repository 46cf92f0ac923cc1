import KarpenterAPI
import KarpenterCloud

extension AzureCloudProvider {
    /// CLOUD.md §6: VM delete with `forceDeletion=true` (disk and NIC go with it), then the NIC
    /// best effort. `.notFound` once the VM is gone; success while a delete is already running.
    public func delete(providerID: String) async throws(CloudProviderError) {
        guard let vmName = AzureProviderID.vmName(providerID) else { throw .permanent("\(providerID) is not an Azure VM provider ID") }
        guard await deletes.begin(vmName) else { return }
        let outcome = await deleteVM(vmName, providerID: providerID)
        await deletes.end(vmName)
        try outcome.get()
    }

    private func deleteVM(_ vmName: String, providerID: String) async -> Result<Void, CloudProviderError> {
        do throws(CloudProviderError) {
            guard let vm = try await fetchVM(vmName) else { throw .notFound(providerID: providerID) }
            if vm["properties"]?["provisioningState"]?.stringValue == "Deleting" { return .success(()) }
            let path = vmPath(vmName)
            do {
                let accepted = try await arm.send(.DELETE, path: path, apiVersion: APIVersion.compute, query: [("forceDeletion", "true")])
                _ = try await operations.wait(for: accepted, resourcePath: path, apiVersion: APIVersion.compute, isDelete: true)
            } catch where error.isNotFound {
            } catch {
                throw error.cloudError(providerID: providerID)
            }
            await deleteQuietly(nicPath(vmName), apiVersion: APIVersion.network)
            return .success(())
        } catch {
            return .failure(error)
        }
    }
}
