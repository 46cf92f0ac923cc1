import Foundation
import KarpenterAPI
import KarpenterCloud
import KarpenterScheduling

/// An in-memory cloud: instances are records; instance types named in `failing` answer
/// insufficient capacity for all their offerings.
actor FakeCloudProvider: CloudProvider {
    nonisolated let name = "fake"
    private(set) var instances: [String: CloudInstance] = [:]
    private(set) var creates: [String] = []
    private(set) var deletes: [String] = []
    var failing: Set<String> = []
    /// What each launch answered, so a repeated create for a NodeClaim returns the same instance.
    private var launched: [String: LaunchedInstance] = [:]

    func fail(_ instanceType: String) { failing.insert(instanceType) }

    /// The instance disappears behind the controller's back (a VM deleted in the portal).
    func vanish(_ providerID: String) { instances[providerID] = nil }

    func addOrphan(providerID: String, age: TimeInterval) {
        instances[providerID] = CloudInstance(providerID: providerID, nodeClaimName: nil, state: .running,
                                              createdAt: Date().addingTimeInterval(-age))
    }

    func create(_ request: LaunchRequest) async throws(CloudProviderError) -> LaunchedInstance {
        let providerID = "fake:///\(request.nodeClaimName)"
        if instances[providerID] != nil, let existing = launched[providerID] { return existing }
        guard let type = request.instanceTypes.first, let offering = type.availableOfferings.first else {
            throw .insufficientCapacity([], message: "no instance type offered")
        }
        if failing.contains(type.name) {
            let keys = type.offerings.map { OfferingKey(instanceType: type.name, zone: $0.zone, capacityType: $0.capacityType) }
            throw .insufficientCapacity(keys, message: "ZonalAllocationFailed for \(type.name)")
        }
        creates.append(type.name)
        instances[providerID] = CloudInstance(providerID: providerID, nodeClaimName: request.nodeClaimName,
                                              nodePoolName: request.nodeClaim.metadata.labels?[WellKnownLabel.nodePool],
                                              instanceType: type.name, zone: offering.zone,
                                              capacityType: offering.capacityType, imageID: "fake-image", createdAt: Date())
        let result = LaunchedInstance(providerID: providerID, instanceType: type.name, zone: offering.zone,
                                capacityType: offering.capacityType, imageID: "fake-image",
                                labels: [WellKnownLabel.instanceType: type.name, WellKnownLabel.zone: offering.zone,
                                         WellKnownLabel.capacityType: offering.capacityType],
                                capacity: type.capacity.quantities.filter { !$0.value.isZero },
                                allocatable: type.allocatable.quantities.filter { !$0.value.isZero })
        launched[providerID] = result
        return result
    }

    func delete(providerID: String) async throws(CloudProviderError) {
        guard instances.removeValue(forKey: providerID) != nil else { throw .notFound(providerID: providerID) }
        deletes.append(providerID)
    }

    func get(providerID: String) async throws(CloudProviderError) -> CloudInstance {
        guard let instance = instances[providerID] else { throw .notFound(providerID: providerID) }
        return instance
    }

    func list() async throws(CloudProviderError) -> [CloudInstance] {
        Array(instances.values)
    }

    func driftReason(of nodeClaim: NodeClaim, node: Node?, nodeClass: AKSNodeClass) async throws(CloudProviderError) -> String? {
        nil
    }

    /// The one image every fake launch reports (`fake-image`, amd64).
    func resolveImages(for nodeClass: AKSNodeClass, kubernetesVersion: String) async throws(CloudProviderError) -> ImageResolution {
        .resolved([NodeImage(id: "fake-image", requirements: [NodeSelectorRequirement(key: WellKnownLabel.arch, operator: .in, values: ["amd64"])])])
    }

    func validateSubnet(for nodeClass: AKSNodeClass) async throws(CloudProviderError) -> SubnetValidation {
        .valid
    }

    /// Two shapes in two zones, on-demand: `small` is cheaper.
    static let instanceTypes: [InstanceType] = [
        makeType("small", cpu: 4, memoryGi: 16, price: 0.1),
        makeType("large", cpu: 16, memoryGi: 64, price: 0.4),
    ]

    private static func makeType(_ name: String, cpu: Int64, memoryGi: Int64, price: Double) -> InstanceType {
        let zones = ["eastus-1", "eastus-2"]
        return InstanceType(
            name: name,
            requirements: Requirements([
                .in(WellKnownLabel.instanceType, [name]), .in(WellKnownLabel.arch, ["amd64"]), .in(WellKnownLabel.os, ["linux"]),
                .in(WellKnownLabel.zone, zones), .in(WellKnownLabel.capacityType, ["on-demand"]),
            ]),
            capacity: ResourceVector(cpuMillis: cpu * 1000, memoryBytes: memoryGi << 30, pods: 110),
            overhead: InstanceTypeOverhead(kubeReserved: ResourceVector(cpuMillis: 100, memoryBytes: 512 << 20)),
            offerings: zones.map { Offering(zone: $0, capacityType: "on-demand", price: price, available: true) })
    }
}
