import Foundation
import KarpenterAPI
import KarpenterAzure
import KarpenterCloud
import KarpenterScheduling

extension AzureCloudProvider {
    /// Launches the cheapest available offering; on a capacity or quota error marks the offerings
    /// CLOUD.md §5 names and tries the next (at most `timing.maxLaunchAttempts`). A VM that already
    /// exists for the NodeClaim (a restart mid-launch) is adopted.
    public func create(_ request: LaunchRequest) async throws(CloudProviderError) -> LaunchedInstance {
        let claimName = request.nodeClaimName
        guard !claimName.isEmpty else { throw .permanent("the NodeClaim has no name") }
        try Self.checkReadiness(request.nodeClass)
        let vmName = "aks-\(claimName)"
        if let existing = try await fetchVM(vmName) {
            logger.info("adopting existing VM", metadata: ["vm": "\(vmName)"])
            return adopt(existing, vmName: vmName, request: request)
        }
        let requirements = try OfferingCandidates.requirements(of: request.nodeClaim)
        var candidates = OfferingCandidates.ordered(request.instanceTypes, requirements: requirements, unavailable: unavailable)
        guard !candidates.isEmpty else {
            throw .insufficientCapacity([], message: "all requested instance types were unavailable during launch")
        }
        let networking = try await launchNetworking(subnetID: Self.subnetID(request.nodeClass, configuration: configuration))
        var lastError: CloudProviderError?
        var attempts = 0
        while attempts < timing.maxLaunchAttempts, let candidate = candidates.first {
            candidates.removeFirst()
            guard !unavailable.isUnavailable(candidate.key) else { continue }
            attempts += 1
            do {
                return try await launch(candidate, vmName: vmName, request: request, networking: networking)
            } catch {
                let failure = LaunchFailureClassifier.classify(error, candidate: candidate, allTypes: request.instanceTypes)
                for mark in failure.marks where !mark.keys.isEmpty { unavailable.mark(mark.keys, for: mark.ttl) }
                logger.warning("launch failed", metadata: ["vm": "\(vmName)", "offering": "\(candidate.key)", "error": "\(error)"])
                guard failure.tryOtherOfferings else { throw failure.error }
                lastError = failure.error
            }
        }
        throw lastError ?? .insufficientCapacity([], message: "all requested instance types were unavailable during launch")
    }

    /// CLOUD.md §4 step 1, once the status controller has judged the NodeClass: Ready=False →
    /// NodeClassNotReady; Ready=Unknown → NodeClassReadinessUnknown. A NodeClass without a
    /// Ready condition (not reconciled yet, or tests) is launched from as it is.
    static func checkReadiness(_ nodeClass: AKSNodeClass?) throws(CloudProviderError) {
        guard let ready = nodeClass?.status?.conditions?.condition(ConditionType.ready) else { return }
        let name = nodeClass?.metadata.name ?? ""
        switch ready.status {
        case .true: return
        case .false:
            throw .nodeClassNotReady("AKSNodeClass \(name) is not ready: \(ready.reason ?? "")\(ready.message.map { ": \($0)" } ?? "")")
        default:
            throw .nodeClassNotReady("NodeClassReadinessUnknown: the readiness of AKSNodeClass \(name) is unknown")
        }
    }

    static func subnetID(_ nodeClass: AKSNodeClass?, configuration: AzureConfiguration) -> String {
        nodeClass?.spec?.vnetSubnetID ?? configuration.vnetSubnetID
    }

    private func launch(_ candidate: LaunchCandidate, vmName: String, request: LaunchRequest,
                        networking: LaunchNetworking) async throws(ARMError) -> LaunchedInstance {
        var plan = makePlan(candidate, vmName: vmName, request: request, networking: networking)
        let nicResource = nicPath(vmName)
        do {
            do {
                try await createNIC(plan, path: nicResource)
            } catch where ClusterNetworking.isVanishedBackendPool(error) {
                // CLOUD.md §4 step 7: a cached backend pool was deleted; re-list the LBs once and retry.
                logger.info("a load balancer backend pool vanished; refreshing pools", metadata: ["vm": "\(vmName)", "error": "\(error)"])
                plan.networking.backendPoolIDs = try await backendPoolIDs(refresh: true)
                try await createNIC(plan, path: nicResource)
            }
        } catch {
            await removeLeftovers(vmName: vmName, vmMayExist: false)
            throw error
        }
        let vm: JSONValue?
        do {
            let created = try await arm.send(.PUT, path: vmPath(vmName), apiVersion: APIVersion.compute,
                                             body: ResourceBodies.virtualMachine(plan, nicID: nicResource, configuration: configuration))
            vm = try await operations.wait(for: created, resourcePath: vmPath(vmName), apiVersion: APIVersion.compute, isDelete: false)
        } catch {
            await removeLeftovers(vmName: vmName, vmMayExist: true)
            throw error
        }
        let zone = vm.flatMap { VirtualMachineReading.instance($0, configuration: configuration)?.zone } ?? candidate.offering.zone
        return launched(type: candidate.instanceType, offering: candidate.offering, zone: zone, imageID: plan.imageID,
                        vmName: vmName, nodeClaim: request.nodeClaim, nodeClass: request.nodeClass)
    }

    private func createNIC(_ plan: LaunchPlan, path: String) async throws(ARMError) {
        let created = try await arm.send(.PUT, path: path, apiVersion: APIVersion.network,
                                         body: ResourceBodies.networkInterface(plan, configuration: configuration))
        _ = try await operations.wait(for: created, resourcePath: path, apiVersion: APIVersion.network, isDelete: false)
    }

    private func makePlan(_ candidate: LaunchCandidate, vmName: String, request: LaunchRequest,
                          networking: LaunchNetworking) -> LaunchPlan {
        let type = candidate.instanceType
        let spec = request.nodeClass?.spec
        let perPodIPs = configuration.networkPlugin == "azure" && configuration.networkPluginMode != "overlay"
        let maxPods = spec?.maxPods ?? (perPodIPs ? 30 : (type.capacity.pods > 0 ? Int(type.capacity.pods) : 250))
        let labels = launchLabels(type: type, offering: candidate.offering, zone: candidate.offering.zone, nodeClaim: request.nodeClaim)
        return LaunchPlan(
            vmName: vmName, candidate: candidate,
            tags: ResourceTags.forLaunch(configuration: configuration, nodeClass: request.nodeClass, nodeClaim: request.nodeClaim),
            subnetID: Self.subnetID(request.nodeClass, configuration: configuration), networking: networking,
            imageID: NodeImageSelection.imageID(for: type, nodeClass: request.nodeClass),
            customData: BootstrapCustomData.encoded(configuration: configuration, nodeClaim: request.nodeClaim, labels: labels, maxPods: maxPods),
            osDiskSizeGB: spec?.osDiskSizeGB ?? 128,
            ephemeralPlacement: ephemeralDisks.placement(vmSize: type.name, osDiskSizeGB: spec?.osDiskSizeGB ?? 128),
            maxPods: maxPods,
            encryptionAtHost: spec?.security?.encryptionAtHost ?? false,
            trustedLaunch: spec?.security?.trustedLaunch.flatMap { $0.isOn ? $0 : nil },
            ultraSSD: Self.requestsUltraSSD(request.nodeClaim))
    }

    /// `additionalCapabilities.ultraSSDEnabled` only when the NodeClaim explicitly requires
    /// `karpenter.azure.com/sku-storage-ultra-ssd` In [true].
    static func requestsUltraSSD(_ nodeClaim: NodeClaim) -> Bool {
        (nodeClaim.spec.requirements ?? []).contains {
            $0.key == AzureLabels.skuStorageUltraSSD && $0.operator.rawValue == "In" && ($0.values ?? []) == ["true"]
        }
    }

    /// After a failed launch: the VM (if the PUT got that far) and the NIC, best effort.
    func removeLeftovers(vmName: String, vmMayExist: Bool) async {
        if vmMayExist { await deleteQuietly(vmPath(vmName), apiVersion: APIVersion.compute, query: [("forceDeletion", "true")]) }
        await deleteQuietly(nicPath(vmName), apiVersion: APIVersion.network)
    }

    func deleteQuietly(_ path: String, apiVersion: String, query: [(String, String)] = []) async {
        do {
            let accepted = try await arm.send(.DELETE, path: path, apiVersion: apiVersion, query: query)
            _ = try await operations.wait(for: accepted, resourcePath: path, apiVersion: apiVersion, isDelete: true)
        } catch where error.isNotFound {
        } catch {
            logger.warning("cleanup failed; garbage collection will retry", metadata: ["resource": "\(path)", "error": "\(error)"])
        }
    }

    private func adopt(_ vm: JSONValue, vmName: String, request: LaunchRequest) -> LaunchedInstance {
        let instance = VirtualMachineReading.instance(vm, configuration: configuration)
        let zone = instance?.zone ?? AzureLabels.regionalZone
        let capacityType = instance?.capacityType ?? SchedulingLabel.capacityTypeOnDemand
        if let type = request.instanceTypes.first(where: { $0.name.caseInsensitiveCompare(instance?.instanceType ?? "") == .orderedSame }),
           let offering = type.offerings.first(where: { $0.zone == zone && $0.capacityType == capacityType }) {
            return launched(type: type, offering: offering, zone: zone, imageID: instance?.imageID, vmName: vmName,
                            nodeClaim: request.nodeClaim, nodeClass: request.nodeClass)
        }
        return LaunchedInstance(providerID: providerID(vmName: vmName), instanceType: instance?.instanceType ?? "", zone: zone,
                                capacityType: capacityType, imageID: instance?.imageID,
                                labels: [SchedulingLabel.zone: zone, SchedulingLabel.capacityType: capacityType],
                                annotations: request.nodeClass.map(NodeClassDrift.hashAnnotations) ?? [:])
    }

    /// What the NodeClaim records: provider ID, image, labels, capacity, and the NodeClass hash
    /// annotations (NodeClassDrift compares them later).
    private func launched(type: InstanceType, offering: Offering, zone: String, imageID: String?, vmName: String,
                          nodeClaim: NodeClaim, nodeClass: AKSNodeClass?) -> LaunchedInstance {
        LaunchedInstance(providerID: providerID(vmName: vmName), instanceType: type.name, zone: zone,
                         capacityType: offering.capacityType, imageID: imageID,
                         labels: launchLabels(type: type, offering: offering, zone: zone, nodeClaim: nodeClaim),
                         annotations: nodeClass.map(NodeClassDrift.hashAnnotations) ?? [:],
                         capacity: type.capacity.quantities, allocatable: type.allocatable.quantities)
    }

    /// The instance type's single-valued labels (SKU labels included), the offering's (zone,
    /// capacity type, placement scope, priority) and the NodePool (LABELS.md §5.2).
    func launchLabels(type: InstanceType, offering: Offering, zone: String, nodeClaim: NodeClaim) -> [String: String] {
        var labels = type.requirements.labels(wellKnown: AzureLabels.wellKnown)
        for (key, value) in offering.requirements.labels(wellKnown: AzureLabels.wellKnown) { labels[key] = value }
        labels[SchedulingLabel.zone] = zone
        labels[SchedulingLabel.capacityType] = offering.capacityType
        labels[SchedulingLabel.instanceType] = type.name
        if let nodePool = nodeClaim.metadata.labels?[SchedulingLabel.nodePool] { labels[SchedulingLabel.nodePool] = nodePool }
        return labels
    }
}
