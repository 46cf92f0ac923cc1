import Foundation
import KarpenterAPI
import KarpenterDisruption
import KarpenterScheduling

/// The disruption planner over a live cluster's objects, with the instance types of the
/// embedded Azure catalog of the cluster's region (as live `explain pod` gets them).
struct LiveDisruption {
    let planner: DisruptionPlanner
    let prices: InstancePrices
    /// Said on stderr: the region has no embedded catalog.
    let warning: String?

    /// What `disrupt node`, `drain node` and `explain node` read; `events` only for explain.
    static func query(events: Bool) -> ClusterQuery {
        // NodeClaims first: a cluster without Karpenter's CRDs fails with "is Karpenter installed?".
        var resources: [ClusterObjects.Resource] = [.nodeClaims, .nodes, .nodePools, .nodeClasses, .pods, .daemonSets,
                                                    .podDisruptionBudgets]
        if events { resources.append(.events) }
        return ClusterQuery(resources: resources, podEventsNamespace: nil, skipFinishedPods: false)
    }

    static func make(_ objects: ClusterObjects, now: Date) throws(CLIError) -> LiveDisruption {
        let (region, warning) = ClusterCatalog.region(for: objects, override: nil)
        let source = try ClusterCatalog.source(region: region)
        let planner = DisruptionPlanner(DisruptionInput(cluster: objects, source: source, now: now))
        return LiveDisruption(planner: planner, prices: ClusterCatalog.prices(region: region), warning: warning)
    }

    /// The hourly price of the node's offering, when the catalog knows it.
    func price(of node: LiveNode) -> Double? {
        guard let type = node.instanceType else { return nil }
        return prices.price(instanceType: type, zone: node.zone, capacityType: node.capacityType ?? "on-demand")
    }
}

/// Blockers that make `disrupt node` refuse without `--force`: the drain could not evict some
/// pod (PDB) or must not (do-not-disrupt), so the node would hang in termination.
enum EvictionBlockers {
    static func isEvictionBlock(_ message: String) -> Bool {
        message.hasPrefix("pdb ") || message.contains("pdbs") || message.contains(KarpenterAnnotation.doNotDisrupt)
    }

    /// The planner's blocker if it is one of those, plus active do-not-disrupt pods it did not name.
    static func find(_ node: LiveNode, blockedBy: String?, now: Date) -> [String] {
        var blockers: [String] = []
        if let blockedBy, isEvictionBlock(blockedBy) { blockers.append(blockedBy) }
        if node.node?.metadata.annotations?[KarpenterAnnotation.doNotDisrupt] == "true"
            || node.nodeClaim?.metadata.annotations?[KarpenterAnnotation.doNotDisrupt] == "true" {
            let message = "disruption is blocked through the \"\(KarpenterAnnotation.doNotDisrupt)\" annotation"
            if !blockers.contains(message) { blockers.append(message) }
        }
        for pod in node.pods where PodDisruption.isActive(pod) && PodDisruption.doNotDisrupt(pod, now: now) == .active {
            let message = "pod \"\(PodLookup.key(pod))\" has \"\(KarpenterAnnotation.doNotDisrupt)\" annotation"
            if !blockers.contains(message) { blockers.append(message) }
        }
        return blockers
    }
}

/// Money per hour, signed for cost changes.
enum HourlyCost {
    static func change(_ value: Double) -> String {
        let sign = value < -0.00005 ? "-" : value > 0.00005 ? "+" : "±"
        return "\(sign)\(PlanFormatting.price(abs(value)))/h (\(sign)\(String(format: "$%.2f", abs(value) * 730))/month)"
    }
}
