import Foundation
import KarpenterScheduling

/// The plan for people: NodeClaims with their options and pods, pods on existing nodes,
/// unschedulable pods with the reason, and totals.
struct SimulationText {
    let terminal: Terminal
    /// Instance-type options and pods listed per NodeClaim before "and N more".
    var optionsShown = 4
    var podsShown = 8

    func render(build: SnapshotBuild, result: SchedulingResult) -> String {
        var lines: [String] = []
        let snapshot = build.snapshot
        let typeCount = Set(snapshot.instanceTypes.values.flatMap { $0.map(\.name) }).count
        lines.append("Simulated \(snapshot.pendingPods.count) pending pod(s) against \(snapshot.nodePools.count) NodePool(s), "
                     + "\(snapshot.existingNodes.count) existing node(s) and \(typeCount) instance type(s) from the \(build.source).")
        for pool in build.nodePools where pool.problem != nil {
            lines.append(terminal.yellow("NodePool \(pool.name) cannot launch nodes: \(pool.problem ?? "")") + (pool.hint.map { " (\($0))" } ?? ""))
        }
        lines.append("")
        lines += nodeClaims(result.nodeClaims)
        lines += existing(result.existingPlacements)
        lines += unschedulable(result.unschedulable, title: "Unschedulable pods")
        lines += unschedulable(result.ignored, title: "Pods Karpenter ignores")
        lines += totals(PlanTotals(result: result, pendingPods: snapshot.pendingPods.count))
        return lines.joined(separator: "\n")
    }

    private func nodeClaims(_ claims: [PlannedNodeClaim]) -> [String] {
        guard !claims.isEmpty else { return ["No new NodeClaims.", ""] }
        var lines = ["NodeClaims to launch (\(claims.count)):"]
        for claim in claims {
            guard let launch = claim.launch else {
                lines.append("  \(claim.name)  nodepool \(claim.nodePool)  (no instance type)")
                continue
            }
            lines.append("  " + terminal.green(claim.name) + "  nodepool \(claim.nodePool)  \(launch.name)  \(PlanFormatting.zone(launch.zone))  \(launch.capacityType)  "
                         + "\(PlanFormatting.price(launch.price))/h")
            let others = claim.instanceTypes.dropFirst().map { "\($0.name) \(PlanFormatting.price($0.price))" }
            if !others.isEmpty {
                lines.append("      other options: " + PlanFormatting.list(Array(others), first: optionsShown))
            }
            lines.append("      requests \(PlanFormatting.resources(claim.requests)); allocatable \(PlanFormatting.resources(launch.allocatable))")
            lines.append("      pods (\(claim.pods.count)): " + PlanFormatting.list(claim.pods, first: podsShown))
        }
        lines.append("")
        return lines
    }

    private func existing(_ placements: [String: String]) -> [String] {
        guard !placements.isEmpty else { return [] }
        var lines = ["Pods placed on existing nodes (\(placements.count)):"]
        for (pod, node) in placements.sorted(by: { $0.key < $1.key }) { lines.append("  \(pod) -> \(node)") }
        lines.append("")
        return lines
    }

    private func unschedulable(_ pods: [UnschedulablePod], title: String) -> [String] {
        guard !pods.isEmpty else { return [] }
        var lines = [terminal.red("\(title) (\(pods.count)):")]
        for pod in pods {
            let code = pod.failures.first.map { " [\($0.code.rawValue)]" } ?? ""
            lines.append("  \(pod.pod)\(code): \(pod.reason)")
            if let hint = pod.failures.first(where: { $0.hint != nil })?.hint { lines.append(terminal.dim("      fix: \(hint)")) }
        }
        lines.append("  (run `kubectl karpenter explain pod NAME -n NAMESPACE` with the same -f for the details)")
        lines.append("")
        return lines
    }

    private func totals(_ totals: PlanTotals) -> [String] {
        var lines = ["Totals:"]
        lines.append("  \(totals.nodeClaims) NodeClaim(s), \(PlanFormatting.price(totals.pricePerHour))/hour "
                     + "(\(String(format: "$%.2f", totals.pricePerHour * 730))/month at 730 h)")
        lines.append("  pods: \(totals.podsPending) pending, \(totals.podsOnNewNodeClaims) on new NodeClaims, "
                     + "\(totals.podsOnExistingNodes) on existing nodes, \(totals.podsUnschedulable) unschedulable"
                     + (totals.podsIgnored > 0 ? ", \(totals.podsIgnored) ignored" : ""))
        if totals.nodeClaims > 0 {
            lines.append("  cpu: \(PlanFormatting.cores(totals.requested.cpuMillis)) of \(PlanFormatting.cores(totals.allocatable.cpuMillis)) cores requested "
                         + "(\(PlanFormatting.percent(totals.utilization(ResourceVector.cpu))))")
            lines.append("  memory: \(PlanFormatting.gibibytes(totals.requested.memoryBytes)) of \(PlanFormatting.gibibytes(totals.allocatable.memoryBytes)) requested "
                         + "(\(PlanFormatting.percent(totals.utilization(ResourceVector.memory))))")
        }
        return lines
    }
}
