import Foundation
import KarpenterAPI
import KarpenterCloud

/// Names the termination and expiration controllers write.
enum TerminationNames {
    /// NodeClaim deletionTimestamp + terminationGracePeriod, RFC 3339, written once.
    static let terminationTimestampAnnotation = "karpenter.sh/nodeclaim-termination-timestamp"
    static let excludeFromLoadBalancersLabel = "node.kubernetes.io/exclude-from-external-load-balancers"
    static let excludeFromLoadBalancersValue = "karpenter"

    enum Reason {
        static let failedDraining = "FailedDraining"
        static let evicted = "Evicted"
        static let terminationGracePeriodExpiring = "TerminationGracePeriodExpiring"
        static let expired = "Expired"
    }

    /// The `Evicted pod: <reason>` suffix when the NodeClaim carries no disruption reason.
    static let forcefulTermination = "Forceful Termination"
}

/// When a deleting NodeClaim's node must be gone: the annotation when written, else
/// deletionTimestamp + `spec.terminationGracePeriod`; nil without a grace period.
enum TerminationDeadline {
    static func of(_ nodeClaim: JSONValue) -> Date? {
        if let written = Timestamps.date(nodeClaim["metadata"]?["annotations"]?[TerminationNames.terminationTimestampAnnotation]?.stringValue) {
            return written
        }
        return computed(nodeClaim)
    }

    /// deletionTimestamp + terminationGracePeriod.
    static func computed(_ nodeClaim: JSONValue) -> Date? {
        guard let deleted = Timestamps.date(nodeClaim["metadata"]?["deletionTimestamp"]?.stringValue),
              let grace = gracePeriod(nodeClaim) else { return nil }
        return deleted.addingTimeInterval(grace.seconds)
    }

    static func gracePeriod(_ nodeClaim: JSONValue) -> GoDuration? {
        guard let text = nodeClaim["spec"]?["terminationGracePeriod"]?.stringValue, !text.isEmpty else { return nil }
        return try? GoDuration(parsing: text)
    }
}

extension ControllerMetrics {
    enum TerminationName {
        static let nodesTerminated = "karpenter_nodes_terminated_total"
        static let terminationDuration = "karpenter_nodes_termination_duration_seconds"
        static let lifetime = "karpenter_nodes_lifetime_duration_seconds"
        static let evictions = "karpenter_pods_evicted_total"
        static let forcedDeletions = "karpenter_pods_forcefully_deleted_total"
        static let expired = "karpenter_nodeclaims_expired_total"
    }

    func registerTerminationMetrics() {
        registry.register(TerminationName.nodesTerminated, .counter, help: "Number of Nodes terminated by the termination controller.",
                          labels: ["nodepool"])
        registry.register(TerminationName.terminationDuration, .histogram,
                          help: "Seconds from a Node's deletionTimestamp to the removal of its termination finalizer.",
                          labels: ["nodepool"], buckets: Self.durationBuckets)
        registry.register(TerminationName.lifetime, .histogram, help: "Seconds from a Node's creation to its termination.",
                          labels: ["nodepool"], buckets: Self.durationBuckets + [1800, 3600, 21600, 86400, 604800, 2592000])
        registry.register(TerminationName.evictions, .counter, help: "Pods evicted through the Eviction API while draining.",
                          labels: ["reason"])
        registry.register(TerminationName.forcedDeletions, .counter,
                          help: "Pods deleted without eviction because the node's terminationGracePeriod ran out.")
        registry.register(TerminationName.expired, .counter, help: "NodeClaims deleted because they outlived expireAfter.",
                          labels: ["nodepool"])
    }

    func nodeTerminated(nodePool: String, seconds: Double?, lifetime: Double?) {
        registry.add(TerminationName.nodesTerminated, labels: [nodePool])
        if let seconds { registry.observe(TerminationName.terminationDuration, seconds, labels: [nodePool]) }
        if let lifetime { registry.observe(TerminationName.lifetime, lifetime, labels: [nodePool]) }
    }

    func podEvicted(reason: String) { registry.add(TerminationName.evictions, labels: [reason]) }
    func podForcefullyDeleted() { registry.add(TerminationName.forcedDeletions) }
    func nodeClaimExpired(nodePool: String) { registry.add(TerminationName.expired, labels: [nodePool]) }
}

extension CloudCalls {
    /// The instance behind `providerID` (`.notFound` once it is gone), timed like the other calls.
    func get(providerID: String) async throws(CloudProviderError) -> CloudInstance {
        let started = ContinuousClock.now
        do {
            let instance = try await provider.get(providerID: providerID)
            metrics.cloudCall(controller: controller, method: "Get", provider: provider.name,
                              seconds: (ContinuousClock.now - started).seconds, error: nil)
            return instance
        } catch {
            metrics.cloudCall(controller: controller, method: "Get", provider: provider.name,
                              seconds: (ContinuousClock.now - started).seconds, error: Self.errorLabel(error))
            throw error
        }
    }
}
