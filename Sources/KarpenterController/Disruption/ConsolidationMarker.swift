import Foundation
import KarpenterAPI
import KarpenterScheduling

/// Upstream's "consolidated" marker (DISRUPTION.md §2): after consolidation found nothing (and
/// no budget stood in the way), it is not tried again until the cluster changes, or 5 minutes
/// pass so that price and availability changes are eventually seen.
actor ConsolidationMarker {
    static let refresh: TimeInterval = 300
    private var recorded: (fingerprint: Int, at: Date)?

    func isUnchanged(_ fingerprint: Int, now: Date) -> Bool {
        guard let recorded else { return false }
        return recorded.fingerprint == fingerprint && now.timeIntervalSince(recorded.at) < Self.refresh
    }

    func record(_ fingerprint: Int, now: Date) { recorded = (fingerprint, now) }

    func reset() { recorded = nil }

    /// Changes whenever a NodePool, NodeClaim, Node, pod or PDB is added, changed or removed,
    /// and when nominations or the commands in progress change.
    static func fingerprint(_ objects: ClusterObjects, nominated: Set<String>, disrupting: Set<String>) -> Int {
        var hasher = Hasher()
        hasher.combine(nominated.sorted())
        hasher.combine(disrupting.sorted())
        for list in [objects.nodePools, objects.nodeClaims, objects.nodes, objects.pods, objects.podDisruptionBudgets] {
            hasher.combine(list.count)
            for object in list {
                hasher.combine(object.uid)
                hasher.combine(object.resourceVersion)
            }
        }
        return hasher.finalize()
    }
}
