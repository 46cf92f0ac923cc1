import ArgumentParser
import Foundation
import KarpenterAPI
import KarpenterScheduling

struct ExplainNodeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "node",
        abstract: "Explain why a node exists and why Karpenter is or is not disrupting it now.",
        discussion: """
        Reads the cluster of the current kubeconfig context (nodes and their pods, NodePools, \
        NodeClaims, AKSNodeClasses, DaemonSets, PodDisruptionBudgets, events) and runs the \
        disruption planner the controller runs on that snapshot. Prints the node's NodeClaim, \
        NodePool, instance type, zone, capacity type and price, its pods, when it was created and \
        when it expires; then the planner's verdict in plain words (blocked by a PDB or \
        karpenter.sh/do-not-disrupt, consolidateAfter not elapsed, no cheaper replacement, \
        budgets...) with its notes per method; then Karpenter's events about the node and its \
        NodeClaim (DisruptionBlocked, Unconsolidatable...). Needs read access only.

        Examples:
          kubectl karpenter explain node aks-general-abcde
          kubectl karpenter explain node aks-general-abcde --context aks-prod -o json
          kubectl karpenter explain node general-abcde          # a NodeClaim's name works too

        Exit status: 0 explained, 1 node not found or the cluster unreadable, 64 usage error.
        """
    )

    @Argument(help: "The node's name (or its NodeClaim's).")
    var name: String

    @OptionGroup(title: "Cluster connection") var connection: ConnectionOptions

    @Option(name: [.short, .customLong("output")], help: "Output format: text, json or yaml.")
    var output: OutputFormat = .text

    func run() async throws {
        let result = try await connection.withClusterSource { source, _ in
            let now = Date()
            let objects = try await source.objects(LiveDisruption.query(events: true))
            return Self.render(objects, name: self.name, format: self.output, terminal: .detect(), now: now)
        }
        try result.emit()
    }

    static func render(_ objects: ClusterObjects, name: String, format: OutputFormat, terminal: Terminal, now: Date) -> CommandOutput {
        let node: LiveNode
        switch LiveNodeLookup.find(name, in: objects) {
        case .failure(let failure): return .failure(failure.message)
        case .success(let found): node = found
        }
        let disruption: LiveDisruption
        do throws(CLIError) {
            disruption = try LiveDisruption.make(objects, now: now)
        } catch {
            return .failure("error: \(error.description)", code: error.exitCode.rawValue)
        }
        let report = ExplainNodeReport.make(node, objects: objects, disruption: disruption, now: now)
        let text: String
        switch format {
        case .text: text = ExplainNodeText(terminal: terminal, now: now).render(report)
        case .json: text = JSONWriter.string(ExplainNodeJSON.render(report), pretty: true)
        case .yaml: text = YAMLWriter.string(ExplainNodeJSON.render(report))
        }
        return CommandOutput(stdout: text, stderr: disruption.warning ?? "")
    }
}
