import Foundation
import KarpenterAPI
import KarpenterCloud
import KarpenterScheduling
import KubeClient
import Logging

/// A cloud whose instances are Node objects, as KWOK's provider does: `create` picks the
/// cheapest usable offering and registers a Node for the NodeClaim (NotReady, tainted
/// `karpenter.sh/unregistered`); `SimulatedKubelet` brings it to life. Faults are injected
/// through `faults`.
public final class SimulatedCloudProvider: CloudProvider {
    public struct Options: Sendable {
        /// How long a capacity failure keeps an offering out of launches.
        public var insufficientCapacityTTL: TimeInterval
        public var kubeletVersion: String
        /// The version every simulated node image is published at (`simulated://images/<definition>/<version>`).
        public var imageVersion: String

        public init(insufficientCapacityTTL: TimeInterval = 180, kubeletVersion: String = "v1.32.0",
                    imageVersion: String = "202505.27.0") {
            self.insufficientCapacityTTL = insufficientCapacityTTL
            self.kubeletVersion = kubeletVersion
            self.imageVersion = imageVersion
        }
    }

    public let name = "simulated"
    public let faults: SimulatedCloudFaults
    let client: KubernetesClient
    let unavailableOfferings: UnavailableOfferings
    let options: Options
    let logger: Logger
    /// Launches in progress per NodeClaim, so concurrent creates for one claim launch once.
    private let launches = LockedState([String: Task<Result<LaunchedInstance, CloudProviderError>, Never>]())

    public init(client: KubernetesClient, unavailableOfferings: UnavailableOfferings = UnavailableOfferings(),
                faults: SimulatedCloudFaults = SimulatedCloudFaults(), options: Options = Options(),
                logger: Logger = Logger(label: "karpenter.simulated-cloud")) {
        self.client = client
        self.unavailableOfferings = unavailableOfferings
        self.faults = faults
        self.options = options
        self.logger = logger
    }

    public func create(_ request: LaunchRequest) async throws(CloudProviderError) -> LaunchedInstance {
        let name = request.nodeClaimName
        guard !name.isEmpty else { throw .permanent("the NodeClaim has no name") }
        let task = launches.withLock { running in
            if let existing = running[name] { return existing }
            let task = Task { await self.launch(request) }
            running[name] = task
            return task
        }
        let result = await task.value
        launches.withLock { _ = $0.removeValue(forKey: name) }
        return try result.get()
    }

    private func launch(_ request: LaunchRequest) async -> Result<LaunchedInstance, CloudProviderError> {
        do throws(CloudProviderError) {
            return .success(try await launchOnce(request))
        } catch {
            return .failure(error)
        }
    }

    private func launchOnce(_ request: LaunchRequest) async throws(CloudProviderError) -> LaunchedInstance {
        let name = request.nodeClaimName
        if let existing = try await existingInstance(named: name) { return existing }
        let requirements: Requirements
        do {
            requirements = try OfferingSelection.requirements(of: request.nodeClaim)
        } catch {
            throw .permanent("NodeClaim \(name): \(error)")
        }
        let requests = ResourceVector(quantities: request.nodeClaim.spec.resources?.requests ?? [:])
        guard let choice = OfferingSelection.cheapest(of: request.instanceTypes, requirements: requirements, requests: requests,
                                                      isUnavailable: unavailableOfferings.isUnavailable) else {
            throw .insufficientCapacity([], message: "all requested instance types were unavailable during launch")
        }
        if faults.consumeCapacityFailure(choice.key) || faults.drawRandomFailure() {
            unavailableOfferings.mark([choice.key], for: options.insufficientCapacityTTL)
            throw .insufficientCapacity([choice.key], message: "simulated: no capacity for \(choice.key)")
        }
        let delay = faults.launchDelay
        if delay > .zero {
            do { try await Task.sleep(for: delay) } catch { throw .transient("launch of \(name) cancelled") }
        }
        let template = SimulatedNodeTemplate(nodeName: name, nodeClaim: request.nodeClaim, claimRequirements: requirements,
                                             choice: choice, imageID: Self.imageID(request.nodeClass, for: choice.instanceType),
                                             kubeletVersion: options.kubeletVersion, now: Date())
        let node: JSONValue
        do {
            node = try template.node()
        } catch {
            throw .permanent("building the Node for \(name): \(error)")
        }
        let created: JSONValue
        do {
            created = try await client.create(.nodes, node)
        } catch let error where error.status?.isAlreadyExists == true {
            if let existing = try await existingInstance(named: name) { return existing }
            throw .transient("the Node \(name) exists but is not a simulated instance")
        } catch {
            throw CloudErrorMapping.map(error)
        }
        logger.info("launched simulated instance", metadata: [
            "nodeclaim": .string(name), "instance-type": .string(choice.instanceType.name),
            "zone": .string(choice.offering.zone), "capacity-type": .string(choice.offering.capacityType),
        ])
        return try Self.launched(from: created, labels: NodeLabels.instance(choice, nodeClaim: request.nodeClaim))
    }

    /// The instance already launched for `name`, if any (creates are idempotent).
    private func existingInstance(named name: String) async throws(CloudProviderError) -> LaunchedInstance? {
        let node: JSONValue
        do {
            node = try await client.get(.nodes, name: name)
        } catch let error where error.status?.isNotFound == true {
            return nil
        } catch {
            throw CloudErrorMapping.map(error)
        }
        guard SimulatedCloud.isSimulated(providerID: node["spec"]?["providerID"]?.stringValue),
              !SimulatedInstanceView.isTerminated(node) else { return nil }
        return try Self.launched(from: node, labels: nil)
    }

    /// The first `status.images` entry the instance type meets (as Azure picks), else the family's name.
    static func imageID(_ nodeClass: AKSNodeClass?, for type: InstanceType) -> String {
        let compatible = nodeClass?.status?.images?.first { image in
            image.requirements.allSatisfy { requirement in
                requirement.operator != .in || (requirement.values ?? []).contains { type.requirements.get(requirement.key).allows($0) }
            }
        }
        return compatible?.id ?? "simulated:/images/\(nodeClass?.spec?.imageFamily?.rawValue ?? "Ubuntu2204")"
    }

    /// `labels` nil: recover them from the Node (every label but the kubelet's own).
    static func launched(from node: JSONValue, labels: [String: String]?) throws(CloudProviderError) -> LaunchedInstance {
        let view = SimulatedInstanceView(node)
        guard let providerID = view.providerID else { throw .permanent("the Node \(view.name) has no provider ID") }
        return LaunchedInstance(
            providerID: providerID, instanceType: view.label(WellKnownLabel.instanceType) ?? "",
            zone: view.label(WellKnownLabel.zone) ?? "", capacityType: view.label(WellKnownLabel.capacityType) ?? "",
            imageID: view.imageID, labels: labels ?? view.instanceLabels,
            capacity: view.resourceList("capacity"), allocatable: view.resourceList("allocatable"))
    }
}
