import Foundation
import KarpenterAPI

/// The NodeClaim `Consolidatable` condition (DISRUPTION.md §5): consolidateAfter measured from
/// the last pod event, or from initialization when no pod event was recorded.
public struct ConsolidatableEvaluation: Sendable, Hashable {
    public enum State: Sendable, Hashable {
        /// `consolidateAfter: Never` (or unparsable): the condition is cleared.
        case disabled
        /// The NodeClaim is not Initialized: the condition is cleared.
        case notInitialized
        case consolidatable
        /// consolidateAfter has not elapsed yet.
        case waiting
    }

    public var state: State
    /// When `waiting`: how long until the NodeClaim becomes consolidatable (requeue after).
    public var requeueAfter: TimeInterval?
    /// The moment the window started (last pod event or initialization).
    public var since: Date?

    public var isConsolidatable: Bool { state == .consolidatable }

    /// One line for `explain`.
    public var description: String {
        switch state {
        case .disabled: return "consolidation is disabled (consolidateAfter: Never)"
        case .notInitialized: return "the NodeClaim is not initialized"
        case .consolidatable: return "consolidatable"
        case .waiting:
            return "consolidateAfter has not elapsed since the last pod event (\(Int((requeueAfter ?? 0).rounded(.up)))s left)"
        }
    }
}

public enum NodeClaimConditions {
    /// Evaluates `Consolidatable` for `nodeClaim` of `nodePool` at `now`.
    public static func consolidatable(_ nodeClaim: NodeClaim, nodePool: NodePool, now: Date) -> ConsolidatableEvaluation {
        guard let text = Optional(nodePool.spec.disruption.consolidateAfter ?? "0s"),
              let consolidateAfter = (try? NillableDuration(parsing: text))?.duration else {
            return ConsolidatableEvaluation(state: .disabled)
        }
        guard let initialized = nodeClaim.status?.conditions?.condition(ConditionType.initialized), initialized.isTrue else {
            return ConsolidatableEvaluation(state: .notInitialized)
        }
        let since = Timestamp.parse(nodeClaim.status?.lastPodEventTime) ?? Timestamp.parse(initialized.lastTransitionTime)
        guard let since else { return ConsolidatableEvaluation(state: .consolidatable) }
        let remaining = consolidateAfter.seconds - now.timeIntervalSince(since)
        if remaining <= 0 { return ConsolidatableEvaluation(state: .consolidatable, since: since) }
        return ConsolidatableEvaluation(state: .waiting, requeueAfter: remaining, since: since)
    }
}
