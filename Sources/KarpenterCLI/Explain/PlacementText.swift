import KarpenterScheduling

/// A running pod for people: its node and what that costs, its constraints against the node,
/// and what would happen if it were rescheduled now.
struct PlacementText {
    let terminal: Terminal

    func render(_ placement: PodPlacement) -> String {
        var lines = ["Pod \(placement.pod) runs on node \(placement.node)"]
        lines.append("  requests:  \(PlanFormatting.resources(placement.requests))")
        var owners: [String] = []
        if let pool = placement.offering.nodePool { owners.append("NodePool \(pool)") }
        if let claim = placement.nodeClaim { owners.append("NodeClaim \(claim)") }
        lines.append("  node:      \(placement.node)" + (owners.isEmpty ? " (not launched by Karpenter)" : ": " + owners.joined(separator: ", ")))
        lines.append("  instance:  " + instance(placement))
        lines.append("")
        lines += constraints(placement.constraints)
        lines.append("")
        lines += reschedule(placement)
        return lines.joined(separator: "\n")
    }

    private func instance(_ placement: PodPlacement) -> String {
        let offering = placement.offering
        var parts = [offering.instanceType ?? "unknown type"]
        parts.append(offering.zone.map { "zone \(PlanFormatting.zone($0))" } ?? "no zone label")
        parts.append(offering.capacityType ?? "unknown capacity type")
        parts.append(placement.price.map { "\(PlanFormatting.price($0))/h" } ?? "price unknown")
        return parts.joined(separator: ", ")
    }

    private func constraints(_ checks: [PlacementConstraint]) -> [String] {
        guard !checks.isEmpty else {
            return ["Why this node: the pod sets no nodeSelector, node affinity, topology spread or pod (anti-)affinity, and the node has no taints; any node with room would do"]
        }
        var lines = ["Why this node (the pod's constraints against it):"]
        let width = checks.map(\.kind.rawValue.count).max() ?? 0
        for check in checks {
            let verdict = check.satisfied ? terminal.green("yes") : check.required ? terminal.red("no ") : terminal.yellow("no ")
            let kind = check.kind.rawValue.padding(toLength: width, withPad: " ", startingAt: 0)
            lines.append("  \(verdict)  \(kind)  \(check.constraint): \(check.evidence)")
        }
        return lines
    }

    private func reschedule(_ placement: PodPlacement) -> [String] {
        if let note = placement.rescheduleNote { return ["If it were rescheduled now: not analysed: \(note)"] }
        var lines = ["If it were rescheduled now:"]
        if let own = placement.ownNode {
            if own.fits {
                lines.append("  its node:        " + terminal.green("fits again"))
            } else if let failure = own.failure {
                let reasons = own.kubeSchedulerReasons.isEmpty ? "" : own.kubeSchedulerReasons.joined(separator: ", ") + ": "
                lines.append("  its node:        " + terminal.red("would not fit") + ": \(reasons)\(failure.message)")
            } else {
                lines.append("  its node:        \(own.note ?? "not evaluated")")
            }
        }
        if let explanation = placement.reschedule {
            lines.append("  Karpenter:       " + OutcomeText.describe(explanation.outcome, terminal: terminal))
        }
        return lines
    }
}
