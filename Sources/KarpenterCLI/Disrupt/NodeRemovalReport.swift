import Foundation
import KarpenterAPI
import KarpenterDisruption
import KarpenterScheduling

/// `disrupt node NAME --dry-run`: what removing the node would do, from the planner's removal
/// simulation, and whether `disrupt node` would go ahead. Pure: the objects are fetched by the caller.
struct NodeRemovalReport: Sendable {
    var node: LiveNode
    var simulation: RemovalSimulation
    /// PDB / do-not-disrupt blockers: the drain could not finish; `disrupt node` refuses without --force.
    var blockers: [String]
    /// The planner's candidate block when it is not an eviction blocker (not initialized, nominated...).
    var otherBlock: String?
    var price: Double?
    var notes: [String]

    var nodeClaim: String { node.nodeClaimName ?? "" }

    static func make(_ node: LiveNode, disruption: LiveDisruption, now: Date) -> Result<NodeRemovalReport, LiveNodeLookup.Failure> {
        guard node.isManaged else { return .failure(.init(message: unmanaged(node, verb: "disrupt"))) }
        guard let simulation = disruption.planner.simulateRemoval(of: node.nodeClaimName ?? node.name) else {
            return .failure(.init(message: "node \"\(node.name)\" is not in the disruption planner's view of the cluster"))
        }
        let blockers = EvictionBlockers.find(node, blockedBy: simulation.blockedBy, now: now)
        let other = simulation.blockedBy.flatMap { EvictionBlockers.isEvictionBlock($0) ? nil : $0 }
        var notes: [String] = []
        if let note = node.note { notes.append(note) }
        if let deleting = node.nodeClaim?.metadata.deletionTimestamp {
            notes.append("NodeClaim \(node.nodeClaimName ?? "") is already being deleted (since \(deleting))")
        }
        return .success(NodeRemovalReport(node: node, simulation: simulation, blockers: blockers, otherBlock: other,
                                          price: simulation.currentPrice > 0 ? simulation.currentPrice : disruption.price(of: node),
                                          notes: notes))
    }

    /// Refusal for a node Karpenter does not manage, with what to use instead.
    static func unmanaged(_ node: LiveNode, verb: String) -> String {
        var message = "node \"\(node.name)\" is not managed by Karpenter (no NodeClaim"
        if let pool = node.nodePool { message += "; it is labelled karpenter.sh/nodepool=\(pool) but its NodeClaim is gone" }
        message += "), so karpenter cannot \(verb) it"
        return message + "\nhint: drain it with: kubectl drain \(node.name) --ignore-daemonsets --delete-emptydir-data"
            + " (for an AKS node pool: az aks nodepool delete-machines, or scale the pool)"
    }

    /// The new NodeClaim a pod would go to.
    func newNode(named name: String) -> RemovalSimulation.NewNode? {
        simulation.newNodes.first { $0.name == name }
    }

    /// What `disrupt node` would do without --dry-run.
    var wouldRefuse: Bool { !blockers.isEmpty }
}
