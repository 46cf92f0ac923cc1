import KarpenterAPI
import KarpenterAzure
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

    /// An injected drift (`faults.setDrift`) first, then the checks every cloud shares
    /// (NodeClassDrift, K8sVersionDrift, ImageDrift; there are no kubelet identities here).
    public func driftReason(of nodeClaim: NodeClaim, node: Node?, nodeClass: AKSNodeClass) async throws(CloudProviderError) -> String? {
        let name = nodeClaim.metadata.name
            ?? nodeClaim.status?.providerID.flatMap(SimulatedCloud.nodeName(fromProviderID:)) ?? ""
        if let injected = faults.drift(nodeClaim: name) { return injected }
        return try NodeClassDrift.reason(nodeClaim: nodeClaim, node: node, nodeClass: nodeClass, kubeletIdentityClientID: nil)
    }

    /// The family's definitions (CLOUD.md §8), each published at `options.imageVersion` as
    /// `simulated://images/<definition>/<version>`: every definition exists here, FIPS ones included.
    public func resolveImages(for nodeClass: AKSNodeClass, kubernetesVersion: String) async throws(CloudProviderError) -> ImageResolution {
        let inputs = NodeImageInputs(nodeClass, kubernetesVersion: kubernetesVersion)
        let definitions = NodeImageFamilies.definitions(inputs)
        guard !definitions.isEmpty else {
            return .unavailable(reason: ImageResolution.imagesNotFound,
                                message: "image family \(NodeImageFamilies.family(inputs).rawValue) has no images for this fipsMode and trustedLaunch")
        }
        return .resolved(definitions.map {
            NodeImage(id: "simulated://images/\($0.name)/\(options.imageVersion)", requirements: $0.requirements)
        })
    }

    /// Simulated networks have every subnet.
    public func validateSubnet(for nodeClass: AKSNodeClass) async throws(CloudProviderError) -> SubnetValidation {
        .valid
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
