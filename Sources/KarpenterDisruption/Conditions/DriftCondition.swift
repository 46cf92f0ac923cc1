import Foundation
import KarpenterAPI
import KarpenterScheduling

/// Why a NodeClaim is drifted, in priority order (DISRUPTION.md §7).
public enum DriftReason: String, Sendable, Hashable, CaseIterable {
    case nodePoolDrifted = "NodePoolDrifted"
    case requirementsDrifted = "RequirementsDrifted"
    case instanceTypeNotFound = "InstanceTypeNotFound"
    case nodeClassDrifted = "NodeClassDrifted"
}

extension NodeClaimConditions {
    /// Evaluates `Drifted` for a launched NodeClaim: nil when not drifted (or not launched).
    /// - Parameters:
    ///   - nodePoolJSON: the NodePool object as stored (the template hash is computed from it).
    ///   - instanceTypes: the NodePool's instance types; nil skips the InstanceTypeNotFound check.
    ///   - nodeClass: the AKSNodeClass object the NodeClaim refers to, if known.
    public static func drift(_ nodeClaim: NodeClaim, nodePool: NodePool, nodePoolJSON: JSONValue,
                             instanceTypes: [InstanceType]?, nodeClass: JSONValue?, now: Date) -> DriftReason? {
        drift(nodeClaim, nodePool: nodePool, nodePoolHash: TemplateHash.nodePool(nodePoolJSON), instanceTypes: instanceTypes,
              nodeClass: nodeClass, nodeClassHash: nodeClass.map(TemplateHash.nodeClass), now: now)
    }

    /// `drift` with the template hashes computed once per NodePool and node class.
    static func drift(_ nodeClaim: NodeClaim, nodePool: NodePool, nodePoolHash: String, instanceTypes: [InstanceType]?,
                      nodeClass: JSONValue?, nodeClassHash: String?, now: Date) -> DriftReason? {
        let launched = nodeClaim.status?.conditions?.condition(ConditionType.launched)?.isTrue == true
            || nodeClaim.status?.providerID != nil
        guard launched else { return nil }
        let annotations = nodeClaim.metadata.annotations ?? [:]

        if let claimHash = annotations[KarpenterAnnotation.nodePoolHash],
           let claimVersion = annotations[KarpenterAnnotation.nodePoolHashVersion],
           claimVersion == (nodePool.metadata.annotations?[KarpenterAnnotation.nodePoolHashVersion] ?? TemplateHash.version),
           claimHash != nodePoolHash {
            return .nodePoolDrifted
        }

        var poolRequirements = Requirements()
        for entry in nodePool.spec.template.spec.requirements ?? [] {
            let input = RequirementInput(key: entry.key, operator: entry.operator.rawValue, values: entry.values ?? [])
            if let requirement = try? Requirement(input) { poolRequirements.add(requirement) }
        }
        let labels = nodeClaim.metadata.labels ?? [:]
        let claimRequirements = Requirements(labels.map { Requirement.in($0.key, [$0.value]) })
        if !claimRequirements.isCompatible(with: poolRequirements) { return .requirementsDrifted }

        // Only for NodeClaims older than an hour, so a fresh launch is not judged by a stale catalog.
        if let instanceTypes, let created = Timestamp.parse(nodeClaim.metadata.creationTimestamp),
           now.timeIntervalSince(created) > 3600, let typeName = labels[WellKnownLabel.instanceType] {
            let zone = labels[WellKnownLabel.zone]
            let capacityType = labels[WellKnownLabel.capacityType]
            let accepted: Set<String?> = capacityType == SchedulingLabel.capacityTypeReserved
                ? [capacityType, SchedulingLabel.capacityTypeOnDemand] : [capacityType]
            let offered = instanceTypes.first { $0.name == typeName }?.offerings.contains {
                (zone == nil || $0.zone == zone) && (capacityType == nil || accepted.contains($0.capacityType))
            } ?? false
            if !offered { return .instanceTypeNotFound }
        }

        if let nodeClass, let nodeClassHash, let claimHash = annotations[KarpenterAnnotation.nodeClassHash],
           let claimVersion = annotations[KarpenterAnnotation.nodeClassHashVersion],
           claimVersion == (nodeClass["metadata"]?["annotations"]?[KarpenterAnnotation.nodeClassHashVersion]?.stringValue ?? TemplateHash.version),
           claimHash != nodeClassHash {
            return .nodeClassDrifted
        }
        return nil
    }

    /// When the NodeClaim expires (creationTimestamp + expireAfter), nil when it never does.
    /// The NodeClaim's own `expireAfter` wins over the NodePool's.
    public static func expiration(_ nodeClaim: NodeClaim, nodePool: NodePool?) -> Date? {
        let text = nodeClaim.spec.expireAfter ?? nodePool?.spec.template.spec.expireAfter ?? "720h"
        guard let duration = (try? NillableDuration(parsing: text))?.duration,
              let created = Timestamp.parse(nodeClaim.metadata.creationTimestamp) else { return nil }
        return created.addingTimeInterval(duration.seconds)
    }

    /// Expired iff creationTimestamp + expireAfter ≤ now (DISRUPTION.md §8): delete immediately.
    public static func isExpired(_ nodeClaim: NodeClaim, nodePool: NodePool?, now: Date) -> Bool {
        guard let expiry = expiration(nodeClaim, nodePool: nodePool) else { return false }
        return expiry <= now
    }
}
