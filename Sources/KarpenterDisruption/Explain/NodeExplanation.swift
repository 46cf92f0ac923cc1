import Foundation
import KarpenterAPI

/// Why a node is or is not being disrupted right now (`kubectl karpenter explain node`).
public struct NodeExplanation: Sendable {
    public var nodeName: String
    public var verdict: NodeVerdict
    public var consolidatable: ConsolidatableEvaluation?
    public var driftReason: DriftReason?
    public var expiresAt: Date?
    /// Remaining budget of the node's pool per reason (nil: unlimited).
    public var budgets: [DisruptionReason: Int?]
    /// The plan's command, when it disrupts this node.
    public var command: DisruptionCommand?
    /// Human-readable lines, most important first.
    public var lines: [String]
}

extension DisruptionPlanner {
    /// Plans the whole pass (the node's fate depends on the others) and explains one node.
    public func explain(node name: String) -> NodeExplanation? {
        let plan = self.plan()
        guard let verdict = plan.verdict(for: name), let assessment = assessments.first(where: { $0.node.name == verdict.nodeName }) else {
            return nil
        }
        var lines: [String] = []
        var budgetsByReason: [DisruptionReason: Int?] = [:]
        if let pool = verdict.nodePool {
            for reason in DisruptionReason.allCases {
                let remaining = budgets(for: reason)[pool]
                budgetsByReason[reason] = remaining == Int.max ? Optional<Int>.none : remaining
            }
        }
        let command = verdict.selected ? plan.command : nil
        if let command {
            lines.append("selected by \(command.method.rawValue): \(command.summary)")
        } else if let blocked = verdict.blocked {
            lines.append("not a disruption candidate: \(blocked)")
        } else if let command = plan.command {
            lines.append("not chosen: \(command.method.rawValue) produced a command for other node(s) this pass (\(command.candidateNames.joined(separator: ", ")))")
        }
        for method in DisruptionMethod.allCases {
            if let note = verdict.notes[method] { lines.append("\(method.rawValue): \(note)") }
        }
        if let candidate = verdict.candidate {
            lines.append("price $\(String(format: "%.4f", candidate.price))/h, \(candidate.reschedulablePods.count) reschedulable pod(s), "
                + "savings ratio \(String(format: "%.4f", candidate.savingsRatio)), \(candidate.isEmpty ? "empty" : "not empty")")
            lines.append("consolidatable: \(candidate.consolidatable.description)")
            if let drift = candidate.driftReason { lines.append("drifted: \(drift.rawValue)") }
        }
        for (reason, remaining) in budgetsByReason.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            lines.append("budget \(reason.rawValue): \(remaining.map(String.init) ?? "unlimited") disruption(s) left in NodePool \"\(verdict.nodePool ?? "")\"")
        }
        lines += verdict.warnings
        let pool = verdict.nodePool.flatMap { state.pools[$0] }
        let expiry = assessment.node.nodeClaim.flatMap { NodeClaimConditions.expiration($0, nodePool: pool?.nodePool) }
        if let expiry { lines.append("expires at \(Timestamp.format(expiry)) (expiration ignores budgets)") }
        return NodeExplanation(nodeName: verdict.nodeName, verdict: verdict, consolidatable: verdict.candidate?.consolidatable,
                               driftReason: verdict.candidate?.driftReason, expiresAt: expiry, budgets: budgetsByReason,
                               command: command, lines: lines)
    }
}
