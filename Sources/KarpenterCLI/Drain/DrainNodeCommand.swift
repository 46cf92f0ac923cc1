import ArgumentParser
import Foundation
import KarpenterAPI

struct DrainNodeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "node",
        abstract: "Drain a Karpenter node gracefully by deleting its NodeClaim.",
        discussion: """
        Deletes the node's NodeClaim, which is how Karpenter drains: its termination controller \
        taints the node karpenter.sh/disrupted:NoSchedule, evicts the pods in waves through the \
        Eviction API (PodDisruptionBudgets and karpenter.sh/do-not-disrupt are honoured until the \
        NodePool's terminationGracePeriod), then deletes the VM and the Node. Unlike `kubectl \
        drain`, the node does not stay behind cordoned: Karpenter replaces capacity for the \
        evicted pods if they need it. The drain waits for blocked pods rather than failing; see \
        `kubectl karpenter disrupt node NAME --dry-run` for what would block it and where the pods \
        would go. For a node Karpenter does not manage, use kubectl drain.

        Examples:
          kubectl karpenter drain node aks-general-abcde
          kubectl karpenter drain node aks-general-abcde --wait
          kubectl karpenter drain node aks-general-abcde --wait --timeout 20m --context aks-prod

        Exit status: 0 done, 1 node not found, not managed by Karpenter, timed out or failed, 64 usage error.
        """
    )

    @Argument(help: "The node's name (or its NodeClaim's).")
    var name: String

    @OptionGroup var wait: TerminationWaitOptions

    @OptionGroup(title: "Cluster connection") var connection: ConnectionOptions

    func run() async throws {
        let result = try await connection.withClusterClient { client, source in
            let now = Date()
            let objects = try await source.objects(LiveDisruption.query(events: false))
            let node: LiveNode
            switch LiveNodeLookup.findManaged(self.name, in: objects, verb: "drain") {
            case .failure(let failure): return CommandOutput.failure(failure.message)
            case .success(let found): node = found
            }
            // The planner names PDB blockers too; without a catalog, do-not-disrupt is still seen.
            let disruption = try? LiveDisruption.make(objects, now: now)
            let blockedBy = disruption?.planner.simulateRemoval(of: node.nodeClaimName ?? node.name)?.blockedBy
            let blocked = EvictionBlockers.find(node, blockedBy: blockedBy, now: now)
            if !blocked.isEmpty && node.nodeClaim?.metadata.deletionTimestamp == nil {
                Terminal.err("warning: the drain will wait: \(blocked.joined(separator: "; ")) (see kubectl karpenter disrupt node \(node.name) --dry-run)")
            }
            return try await NodeTerminationRun.run(node, client: client, wait: self.wait)
        }
        try result.emit()
    }
}
