import KarpenterAPI
import KarpenterCloud
import KubeClient

extension SimulatedCloudProvider {
    /// Terminates the instance. The Node goes with it unless finalizers hold it; the instance is
    /// gone either way, and the next call answers `.notFound`.
    public func delete(providerID: String) async throws(CloudProviderError) {
        let node = try await node(providerID: providerID)
        do {
            _ = try await client.patch(.nodes, name: SimulatedInstanceView(node).name, .merge(.object([
                "metadata": .object(["annotations": .object([SimulatedCloud.terminatedAnnotation: .string("true")])]),
            ])))
            _ = try await client.delete(.nodes, name: SimulatedInstanceView(node).name)
            logger.info("terminated simulated instance", metadata: ["provider-id": .string(providerID)])
        } catch {
            throw CloudErrorMapping.map(error, providerID: providerID)
        }
    }

    public func get(providerID: String) async throws(CloudProviderError) -> CloudInstance {
        SimulatedInstanceView(try await node(providerID: providerID)).instance
    }

    public func list() async throws(CloudProviderError) -> [CloudInstance] {
        do {
            return try await client.listAll(.nodes).items
                .filter { SimulatedCloud.isSimulated(providerID: $0["spec"]?["providerID"]?.stringValue) && !SimulatedInstanceView.isTerminated($0) }
                .map { SimulatedInstanceView($0).instance }
        } catch {
            throw CloudErrorMapping.map(error)
        }
    }

    public func driftReason(of instance: CloudInstance, nodeClass: AKSNodeClass?) async throws(CloudProviderError) -> String? {
        let claim = instance.nodeClaimName ?? SimulatedCloud.nodeName(fromProviderID: instance.providerID) ?? ""
        return faults.drift(nodeClaim: claim)
    }

    /// The live Node behind `providerID`; `.notFound` when it is gone or its instance was terminated.
    private func node(providerID: String) async throws(CloudProviderError) -> JSONValue {
        guard let name = SimulatedCloud.nodeName(fromProviderID: providerID) else { throw .notFound(providerID: providerID) }
        let node: JSONValue
        do {
            node = try await client.get(.nodes, name: name)
        } catch {
            throw CloudErrorMapping.map(error, providerID: providerID)
        }
        guard node["spec"]?["providerID"]?.stringValue == providerID, !SimulatedInstanceView.isTerminated(node) else {
            throw .notFound(providerID: providerID)
        }
        return node
    }
}
