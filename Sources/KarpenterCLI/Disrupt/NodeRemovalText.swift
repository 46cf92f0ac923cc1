import Foundation
import KarpenterDisruption

/// `disrupt node NAME --dry-run` for people: the node, each pod's destination, the NodeClaims
/// that would be launched, the cost change, and what allows or blocks it now.
struct NodeRemovalText {
    let terminal: Terminal

    func render(_ report: NodeRemovalReport) -> String {
        var sections = report.notes.map { "note: \($0)" }
        sections.append(header(report))
        sections.append(pods(report))
        if !report.simulation.newNodes.isEmpty { sections.append(newNodes(report)) }
        sections.append(cost(report))
        sections.append(allowed(report))
        sections.append(verdict(report))
        return sections.joined(separator: "\n\n")
    }

    func header(_ report: NodeRemovalReport) -> String {
        let node = report.node
        var offering = [node.instanceType, node.zone.map(PlanFormatting.zone), node.capacityType].compactMap { $0 }.joined(separator: ", ")
        if let price = report.price { offering += (offering.isEmpty ? "" : ", ") + "\(PlanFormatting.price(price))/h" }
        return "Dry run: removing node \(node.name) (NodeClaim \(report.nodeClaim), NodePool \(report.simulation.nodePool ?? node.nodePool ?? "<none>")"
            + (offering.isEmpty ? "" : "; \(offering)") + ")"
    }

    func pods(_ report: NodeRemovalReport) -> String {
        let moves = report.simulation.pods
        guard !moves.isEmpty else {
            return "Pods: none to reschedule (DaemonSet, mirror and finished pods stay with the node): the node can simply be deleted"
        }
        let width = moves.map(\.pod.count).max() ?? 0
        var lines = ["Pods (\(moves.count) to reschedule):"]
        for move in moves {
            let pod = move.pod.padding(toLength: width, withPad: " ", startingAt: 0)
            lines.append("  \(pod)  -> " + destination(move, report))
        }
        return lines.joined(separator: "\n")
    }

    func destination(_ move: RemovalSimulation.PodMove, _ report: NodeRemovalReport) -> String {
        switch move.destination {
        case .node(let name):
            return "node \(name) (existing)"
        case .newNodeClaim(let name):
            guard let new = report.newNode(named: name) else { return "new NodeClaim \(name)" }
            return "new NodeClaim \(name) (\(offering(new)))"
        case nil:
            return terminal.red("unschedulable") + ": " + (move.unschedulableReason ?? "no node or NodePool can take it")
        }
    }

    func offering(_ new: RemovalSimulation.NewNode) -> String {
        "\(new.instanceType), \(PlanFormatting.zone(new.zone)), \(new.capacityType), \(PlanFormatting.price(new.price))/h"
    }

    func newNodes(_ report: NodeRemovalReport) -> String {
        var lines = ["New NodeClaims (\(report.simulation.newNodes.count)):"]
        for new in report.simulation.newNodes {
            lines.append("  \(new.name) in NodePool \(new.nodePool): \(offering(new)), the cheapest of \(new.instanceTypeOptions) instance type(s)"
                + " that fit; pods: \(PlanFormatting.list(new.pods, first: 5))")
        }
        return lines.joined(separator: "\n")
    }

    func cost(_ report: NodeRemovalReport) -> String {
        let simulation = report.simulation
        let current = report.price ?? simulation.currentPrice
        var line = "Cost: \(PlanFormatting.price(current))/h now, \(PlanFormatting.price(simulation.replacementPrice))/h for replacements: "
            + HourlyCost.change(simulation.replacementPrice - current)
        if report.price == nil { line += " (the node's price is unknown)" }
        return line
    }

    func allowed(_ report: NodeRemovalReport) -> String {
        var lines = ["Allowed now?"]
        if report.blockers.isEmpty {
            lines.append("  PDBs and do-not-disrupt: " + terminal.green("nothing blocks evicting the pods"))
        } else {
            for blocker in report.blockers { lines.append("  " + terminal.red("blocked") + ": \(blocker)") }
        }
        if let other = report.otherBlock { lines.append("  not a candidate for Karpenter's own disruption: \(other)") }
        let unschedulable = report.simulation.unschedulable
        if !unschedulable.isEmpty {
            lines.append("  " + terminal.yellow("warning") + ": \(unschedulable.count) pod(s) would stay Pending: "
                + PlanFormatting.list(unschedulable.map(\.pod), first: 5))
        }
        if !report.simulation.budgets.isEmpty {
            lines.append("  budgets (NodePool \(report.simulation.nodePool ?? "<none>")): " + budgets(report.simulation.budgets)
                + " disruption(s) left per reason; they limit Karpenter's own disruption, not a manual `disrupt node`")
        }
        lines.append("  consolidation's own verdict: \(report.simulation.consolidationVerdict)")
        return lines.joined(separator: "\n")
    }

    func budgets(_ budgets: [KarpenterDisruption.DisruptionReason: Int?]) -> String {
        guard !budgets.isEmpty else { return "none (the NodePool is unknown)" }
        return KarpenterDisruption.DisruptionReason.allCases.compactMap { reason -> String? in
            guard let remaining = budgets[reason] else { return nil }
            let text = remaining.map(String.init) ?? "unlimited"
            return "\(reason.rawValue) \(remaining == 0 ? terminal.red(text) : text)"
        }.joined(separator: ", ")
    }

    func verdict(_ report: NodeRemovalReport) -> String {
        let command = "kubectl karpenter disrupt node \(report.node.name)"
        if report.wouldRefuse {
            return "Without --dry-run, `\(command)` would refuse: the drain could not evict every pod (\(report.blockers[0])).\n"
                + "Fix the blocker, or add --force to delete NodeClaim \(report.nodeClaim) anyway: the node then stays draining "
                + "until the pods can be evicted or the NodePool's terminationGracePeriod runs out."
        }
        var text = "Without --dry-run, `\(command)` would delete NodeClaim \(report.nodeClaim); Karpenter then taints the node, "
            + "evicts its pods (respecting PDBs) and removes the VM."
        if !report.simulation.newNodes.isEmpty {
            text += "\nPods that need a new node stay Pending until Karpenter launches it (its own consolidation launches the replacement first)."
        }
        return text
    }
}
