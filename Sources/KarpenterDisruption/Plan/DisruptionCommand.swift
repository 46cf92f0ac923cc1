import Foundation
import KarpenterScheduling

/// One decision to execute: remove the candidates, launching the replacements first.
public struct DisruptionCommand: Sendable {
    public enum Decision: String, Sendable, Hashable {
        case delete
        case replace
    }

    public var method: DisruptionMethod
    public var reason: DisruptionReason
    public var decision: Decision
    public var candidates: [Candidate]
    /// NodeClaims to launch before the candidates are deleted (empty for delete).
    public var replacements: [PlannedNodeClaim]
    /// Σ candidate prices − the cheapest launch price of the replacements (per hour).
    public var estimatedSavings: Double
    /// Where each rescheduled pod of the candidates would go.
    public var podDestinations: [String: PodDestination]
    /// Balanced policy: the scoring sentence (ConsolidationApproved).
    public var approval: String?

    public var candidateNames: [String] { candidates.map(\.nodeName) }

    /// `replace: [node-a/D4s_v5/eastus-1/on-demand] -> [1 replacement(s)]` style summary.
    public var summary: String {
        let nodes = candidates.map { "\($0.nodeName)/\($0.instanceType)/\($0.zone)/\($0.capacityType)" }.joined(separator: ", ")
        let replacementText: String
        if replacements.isEmpty {
            replacementText = ""
        } else {
            let types = replacements.map { plan in
                let names = plan.instanceTypes.prefix(3).map(\.name).joined(separator: ", ")
                return plan.instanceTypes.count > 3 ? "\(names) and \(plan.instanceTypes.count - 3) other(s)" : names
            }.joined(separator: "; ")
            replacementText = " and replacing with \(replacements.count) node(s) of [\(types)]"
        }
        return "\(decision.rawValue), terminating \(candidates.count) node(s) (\(nodes))\(replacementText)"
    }

    /// The `ConsolidationCandidate` event message.
    public var eventMessage: String {
        "Consolidation candidate: \(summary) (savings: $\(String(format: "%.2f", estimatedSavings)))"
    }
}
