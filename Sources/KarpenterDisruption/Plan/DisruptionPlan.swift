import Foundation

/// What one planning pass decided and why (DISRUPTION.md §2–§7): at most one command, and
/// for every managed node why it was or was not disrupted.
public struct DisruptionPlan: Sendable {
    /// The command of the first method that produced one (nil: nothing to do now).
    public var command: DisruptionCommand?
    /// Every managed node, by name.
    public var verdicts: [NodeVerdict]
    /// Each method that ran, in order.
    public var methods: [MethodReport]
    /// NodePools whose budgets allow no disruption for a reason that was evaluated.
    public var blockedBudgets: [BudgetBlock]
    /// Events to publish (DISRUPTION.md §13), node events de-duplicated per node and reason.
    public var events: [PlannedEvent]

    public func verdict(for node: String) -> NodeVerdict? {
        verdicts.first { $0.nodeName == node || $0.nodeClaimName == node }
    }

    public func report(_ method: DisruptionMethod) -> MethodReport? { methods.first { $0.method == method } }

    /// True when both consolidation methods ran, found nothing, and no budget held them back:
    /// the controller may set its "consolidated" marker.
    public var consolidationFoundNothing: Bool {
        guard let multi = report(.multiNodeConsolidation), let single = report(.singleNodeConsolidation) else { return false }
        return multi.foundNothing && single.foundNothing
    }
}

public struct MethodReport: Sendable, Hashable {
    public var method: DisruptionMethod
    /// Candidates that passed this method's ShouldDisrupt.
    public var candidates: Int
    public var producedCommand: Bool
    /// Some candidate was passed over because its NodePool's budget was used up.
    public var budgetBlocked: Bool
    /// No command and no budget block: the "consolidated" marker may be set.
    public var foundNothing: Bool { !producedCommand && !budgetBlocked }
    /// Scheduling simulations run.
    public var simulations: Int
    /// Single-node consolidation: pools whose candidates were not reached within
    /// `maxSingleNodeAttempts` (give them as `prioritizedNodePools` next time).
    public var unreachedNodePools: [String]
}

/// One managed node's standing in this pass.
public struct NodeVerdict: Sendable {
    public var nodeName: String
    public var nodeClaimName: String?
    public var nodePool: String?
    /// Candidate attributes when the node passed the candidate checks (§3 items 1–7).
    public var candidate: Candidate?
    /// The first candidate check it failed, in upstream's words (DisruptionBlocked).
    public var blocked: String?
    /// Per method that looked at it, why it was not chosen.
    public var notes: [DisruptionMethod: String]
    /// Whether the plan's command disrupts it.
    public var selected: Bool
    /// Other observations (invalid do-not-disrupt values...).
    public var warnings: [String]

    /// One line: why this node is or is not being disrupted now.
    public var summary: String {
        if selected { return "selected for disruption" }
        if let blocked { return "blocked: \(blocked)" }
        for method in DisruptionMethod.allCases.reversed() {
            if let note = notes[method] { return "\(method.rawValue): \(note)" }
        }
        return "no method chose it"
    }
}

public struct PlannedEvent: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable { case node = "Node", nodeClaim = "NodeClaim", nodePool = "NodePool" }
    public var kind: Kind
    public var name: String
    /// `DisruptionBlocked`, `Unconsolidatable`, `ConsolidationCandidate`, `DisruptionBlocked` (NodePool)...
    public var reason: String
    public var message: String
    /// Normal or Warning.
    public var type: String
}

/// Upstream sentence-cases candidate failures in events ("Pdb "ns/x" prevents pod evictions").
func sentenceCased(_ text: String) -> String {
    guard let first = text.first else { return text }
    return first.uppercased() + text.dropFirst()
}
