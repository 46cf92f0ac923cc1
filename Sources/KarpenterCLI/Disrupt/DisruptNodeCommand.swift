import ArgumentParser
import Foundation
import KarpenterAPI
import KubeClient

struct DisruptNodeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "node",
        abstract: "Remove a Karpenter node through its NodeClaim, or show what removing it would do (--dry-run).",
        discussion: """
        --dry-run reads the cluster (nodes and their pods, NodePools, NodeClaims, AKSNodeClasses, \
        DaemonSets, PodDisruptionBudgets) and runs Karpenter's disruption simulation for this one \
        node: where each of its pods would go (an existing node, or a new NodeClaim with its \
        cheapest instance type, zone, capacity type and hourly price), which pods would stay \
        Pending and why, whether PodDisruptionBudgets, karpenter.sh/do-not-disrupt and the \
        NodePool's disruption budgets allow it now, and the hourly cost change. Nothing is changed.

        Without --dry-run it deletes the node's NodeClaim: Karpenter's termination controller then \
        taints the node, evicts its pods through the Eviction API (PDBs are honoured) and deletes \
        the VM, exactly as for its own disruptions. Budgets do not apply to a manual removal. It \
        refuses when a PDB or do-not-disrupt would block the drain (the node would hang draining) \
        unless --force is given, and refuses nodes Karpenter does not manage (use kubectl drain).

        Examples:
          kubectl karpenter disrupt node aks-general-abcde --dry-run
          kubectl karpenter disrupt node aks-general-abcde --dry-run -o json
          kubectl karpenter disrupt node aks-general-abcde
          kubectl karpenter disrupt node aks-general-abcde --wait --timeout 15m
          kubectl karpenter disrupt node aks-general-abcde --force

        Exit status: 0 done (or previewed), 1 refused, not found, timed out or failed, 64 usage error.
        """
    )

    @Argument(help: "The node's name (or its NodeClaim's).")
    var name: String

    @Flag(name: .customLong("dry-run"), help: "Only show what removing the node would do; change nothing.")
    var dryRun = false

    @Flag(help: "Delete the NodeClaim even when a PodDisruptionBudget or karpenter.sh/do-not-disrupt blocks the drain.")
    var force = false

    @OptionGroup var wait: TerminationWaitOptions

    @OptionGroup(title: "Cluster connection") var connection: ConnectionOptions

    @Option(name: [.short, .customLong("output")], help: "Output format of --dry-run: text, json or yaml.")
    var output: OutputFormat = .text

    func validate() throws {
        if dryRun && wait.wait { throw ValidationError("--wait cannot be combined with --dry-run (nothing is deleted)") }
        if dryRun && force { throw ValidationError("--force cannot be combined with --dry-run") }
        if !dryRun && output != .text { throw ValidationError("-o \(output.rawValue) is only available with --dry-run") }
    }

    func run() async throws {
        let result = try await connection.withClusterClient { client, source in
            let now = Date()
            let objects = try await source.objects(LiveDisruption.query(events: false))
            let node: LiveNode
            switch LiveNodeLookup.findManaged(self.name, in: objects, verb: "disrupt") {
            case .failure(let failure): return CommandOutput.failure(failure.message)
            case .success(let found): node = found
            }
            let disruption: LiveDisruption
            do throws(CLIError) {
                disruption = try LiveDisruption.make(objects, now: now)
            } catch {
                return CommandOutput.failure("error: \(error.description)", code: error.exitCode.rawValue)
            }
            let report: NodeRemovalReport
            switch NodeRemovalReport.make(node, disruption: disruption, now: now) {
            case .failure(let failure): return CommandOutput.failure("error: \(failure.message)")
            case .success(let made): report = made
            }
            var output = self.dryRun ? Self.preview(report, format: self.output) : try await self.remove(report, client: client)
            if let warning = disruption.warning { output.stderr = output.stderr.isEmpty ? warning : warning + "\n" + output.stderr }
            return output
        }
        try result.emit()
    }

    static func preview(_ report: NodeRemovalReport, format: OutputFormat) -> CommandOutput {
        switch format {
        case .text: return CommandOutput(stdout: NodeRemovalText(terminal: .detect()).render(report))
        case .json: return CommandOutput(stdout: JSONWriter.string(NodeRemovalJSON.render(report), pretty: true))
        case .yaml: return CommandOutput(stdout: YAMLWriter.string(NodeRemovalJSON.render(report)))
        }
    }

    private func remove(_ report: NodeRemovalReport, client: KubernetesClient) async throws -> CommandOutput {
        var warnings: [String] = []
        if !report.blockers.isEmpty && report.node.nodeClaim?.metadata.deletionTimestamp == nil {
            guard force else {
                let blockers = report.blockers.map { "  - \($0)" }.joined(separator: "\n")
                return CommandOutput.failure("""
                error: refusing to disrupt node \(report.node.name): its drain would be blocked:
                \(blockers)
                Karpenter would keep the node draining until the pods can be evicted (or the NodePool's terminationGracePeriod runs out).
                hint: fix the PodDisruptionBudget / remove the karpenter.sh/do-not-disrupt annotation, or pass --force to delete NodeClaim \(report.nodeClaim) anyway
                hint: preview with: kubectl karpenter disrupt node \(report.node.name) --dry-run
                """)
            }
            warnings.append("warning: --force: deleting although the drain is blocked (\(report.blockers.joined(separator: "; ")))")
        }
        let unschedulable = report.simulation.unschedulable.map(\.pod)
        if !unschedulable.isEmpty {
            warnings.append("warning: \(unschedulable.count) pod(s) may stay Pending: nothing can take them (\(PlanFormatting.list(unschedulable, first: 5)))")
        }
        // Said before deleting (and before a --wait), so the person sees it while waiting.
        if !warnings.isEmpty { Terminal.err(warnings.joined(separator: "\n")) }
        return try await NodeTerminationRun.run(report.node, client: client, wait: wait)
    }
}
