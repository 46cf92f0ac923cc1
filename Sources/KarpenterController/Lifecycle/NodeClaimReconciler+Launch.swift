import Foundation
import KarpenterAPI
import KarpenterCloud
import KarpenterScheduling
import KubeClient

extension NodeClaimReconciler {
    /// Launches through the cloud provider and writes what was launched. A capacity failure
    /// marks the offerings unavailable and deletes the NodeClaim so its pods are planned again.
    func launchIfNeeded(_ nodeClaim: JSONValue) async throws -> Step {
        let conditions = Self.conditions(of: nodeClaim)
        if conditions.isTrue(ConditionType.launched) || Self.providerID(of: nodeClaim) != nil { return .next(nodeClaim) }
        guard let typed = nodeClaim.typed(NodeClaim.self) else { return .stop(requeueAfter: nil) }
        let nodeClass = await nodeClass(for: typed)
        let candidates = try launchCandidates(typed, nodeClass: nodeClass)
        if candidates.isEmpty {
            let error = CloudProviderError.insufficientCapacity([], message: "all instance types of the NodeClaim are unavailable")
            return try await abandon(nodeClaim, after: error)
        }
        let launched: LaunchedInstance
        do {
            launched = try await cloud.create(LaunchRequest(nodeClaim: typed, nodeClass: nodeClass, instanceTypes: candidates))
        } catch {
            if error.isCapacityError { return try await abandon(nodeClaim, after: error) }
            return try await launchFailed(nodeClaim, error)
        }

        var metadata = ["labels": JSONValue.of(launched.labels)]
        // The provider's hash annotations tell later whether the node class drifted.
        if !launched.annotations.isEmpty { metadata["annotations"] = JSONValue.of(launched.annotations) }
        let labelled = try await writes.patchMetadata(.nodeClaims, nodeClaim, metadata, precondition: false)
        var updated = Self.conditions(of: labelled)
        updated.set(ConditionType.launched, .true, reason: "Launched")
        for type in [ConditionType.registered, ConditionType.initialized] where updated.conditions.condition(type) == nil {
            updated.set(type, .unknown, reason: "AwaitingReconciliation", message: "object is awaiting reconciliation")
        }
        updated.setReady(dependents: [ConditionType.launched, ConditionType.registered, ConditionType.initialized])
        var status: [String: JSONValue] = [
            "providerID": .string(launched.providerID),
            "capacity": JSONValue.of(launched.capacity.removingZeros),
            "allocatable": JSONValue.of(launched.allocatable.removingZeros),
            "conditions": JSONValue.of(updated.conditions),
        ]
        if let image = launched.imageID { status["imageID"] = .string(image) }
        let written = try await writes.patchStatus(.nodeClaims, labelled, status)
        metrics.nodeClaimLaunched(Self.nodePool(of: nodeClaim))
        logger.info("launched nodeclaim", metadata: ["NodeClaim": "\(nodeClaim.name)", "provider-id": "\(launched.providerID)",
                                                     "instance-type": "\(launched.instanceType)", "zone": "\(launched.zone)",
                                                     "capacity-type": "\(launched.capacityType)"])
        return .next(written)
    }

    /// The NodeClaim's instance types (its `instance-type In` list) that still have an
    /// available offering, cheapest first.
    private func launchCandidates(_ nodeClaim: NodeClaim, nodeClass: AKSNodeClass?) throws -> [InstanceType] {
        let names = Set(nodeClaim.spec.requirements?.first { $0.key == WellKnownLabel.instanceType && $0.operator == .in }?.values ?? [])
        let all = unavailable.applied(to: try instanceTypes.resolve(nodeClass))
        let usable = all.filter { (names.isEmpty || names.contains($0.name)) && !$0.availableOfferings.isEmpty }
        func cheapest(_ type: InstanceType) -> Double { type.availableOfferings.map(\.price).min() ?? .infinity }
        return usable.sorted { (cheapest($0), $0.name) < (cheapest($1), $1.name) }
    }

    private func nodeClass(for nodeClaim: NodeClaim) async -> AKSNodeClass? {
        guard let ref = nodeClaim.spec.nodeClassRef, ref.kind == KarpenterKind.aksNodeClass else { return nil }
        return await informers.nodeClasses.get(ObjectKey(namespace: nil, name: ref.name))?.typed(AKSNodeClass.self)
    }

    private func abandon(_ nodeClaim: JSONValue, after error: CloudProviderError) async throws -> Step {
        switch error {
        case .insufficientCapacity(let keys, _), .quotaExceeded(let keys, _):
            unavailable.mark(keys, for: CloudCalls.unavailableTTL(error))
        default: break
        }
        logger.error("launching nodeclaim failed, deleting it so its pods are planned onto other offerings",
                     metadata: ["NodeClaim": "\(nodeClaim.name)", "error": "\(error)"])
        await events.record(nodeClaim, warning: true, reason: EventRecorder.Reason.insufficientCapacity, message: "\(error)")
        try await writes.delete(.nodeClaims, nodeClaim)
        await reprovision("nodeclaim/\(nodeClaim.name)")
        return .stop(requeueAfter: nil)
    }

    private func launchFailed(_ nodeClaim: JSONValue, _ error: CloudProviderError) async throws -> Step {
        var conditions = Self.conditions(of: nodeClaim)
        if registrationTimeRemaining(nodeClaim, conditions: ConditionSet(nil, generation: nil)) == .zero {
            // Liveness: a NodeClaim that cannot launch within the registration TTL is given up.
            return try await abandon(nodeClaim, after: error)
        }
        let reason: String
        let retry: Duration
        switch error {
        case .nodeClassNotReady: (reason, retry) = ("NodeClassNotReady", .seconds(10))
        case .throttled(let seconds, _): (reason, retry) = ("Throttled", .seconds(seconds ?? 5))
        case .transient: (reason, retry) = ("LaunchFailed", .seconds(5))
        default: (reason, retry) = ("LaunchFailed", .seconds(30))
        }
        conditions.set(ConditionType.launched, .false, reason: reason, message: String("\(error)".prefix(1200)))
        conditions.setReady(dependents: [ConditionType.launched, ConditionType.registered, ConditionType.initialized])
        _ = try await writes.patchStatus(.nodeClaims, nodeClaim, ["conditions": JSONValue.of(conditions.conditions)])
        await events.record(nodeClaim, warning: true, reason: EventRecorder.Reason.launchFailed, message: "\(error)")
        logger.error("launching nodeclaim failed", metadata: ["NodeClaim": "\(nodeClaim.name)", "error": "\(error)"])
        return .stop(requeueAfter: retry)
    }
}
