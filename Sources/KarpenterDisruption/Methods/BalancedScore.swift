import Foundation
import KarpenterAPI

/// The Balanced consolidation policy's gate (DISRUPTION.md §6.6): a move must save at least
/// half as large a share of its pool's cost as the share of disruption it causes.
struct BalancedScore: Sendable {
    static let k = 2.0
    static var threshold: Double { 1 / k }

    struct PoolTotals: Sendable {
        var cost = 0.0
        var disruption = 0.0
    }

    let totals: [String: PoolTotals]
    let policies: [String: ConsolidationPolicy]

    init(state: ClusterState, assessments: [NodeAssessment]) {
        var totals: [String: PoolTotals] = [:]
        for assessment in assessments {
            let node = assessment.node
            guard node.nodeClaim != nil, node.node != nil, let pool = node.nodePoolName else { continue }
            var entry = totals[pool] ?? PoolTotals()
            entry.cost += state.price(of: node)
            entry.disruption += 1 + assessment.reschedulable.reduce(0.0) { $0 + max(0, PodDisruption.evictionCost($1)) }
            totals[pool] = entry
        }
        self.totals = totals
        policies = state.pools.mapValues(\.policy)
    }

    struct Verdict: Sendable {
        var approved: Bool
        /// One sentence per Balanced pool (ConsolidationApproved / Rejected events).
        var messages: [String]
    }

    /// Scores a move removing `candidates` and saving `savings` per hour. Non-Balanced pools
    /// are not scored; every Balanced pool involved must approve.
    func evaluate(candidates: [Candidate], savings: Double) -> Verdict {
        let totalPrice = candidates.reduce(0.0) { $0 + $1.price }
        var approved = true
        var messages: [String] = []
        let pools = Set(candidates.map(\.nodePool)).sorted()
        for pool in pools where policies[pool] == .balanced {
            let members = candidates.filter { $0.nodePool == pool }
            let poolPrice = members.reduce(0.0) { $0 + $1.price }
            let poolSavings = pools.count == 1 ? savings : (totalPrice > 0 ? savings * poolPrice / totalPrice : 0)
            let poolDisruption = members.reduce(0.0) { $0 + $1.rescheduleDisruptionCost }
            let totals = self.totals[pool] ?? PoolTotals()
            let savingsFraction = totals.cost > 0 ? poolSavings / totals.cost : 0
            let disruptionFraction = totals.disruption > 0 ? poolDisruption / totals.disruption : 0
            let score: Double
            if poolSavings <= 0 { score = 0 } else if disruptionFraction == 0 { score = .infinity } else { score = savingsFraction / disruptionFraction }
            let passes = score >= Self.threshold
            approved = approved && passes
            let comparison = passes ? ">=" : "<"
            let scoreText = score.isInfinite ? "+Inf" : String(format: "%.2f", score)
            messages.append("NodePool \"\(pool)\": score \(scoreText) \(comparison) threshold \(String(format: "%.2f", Self.threshold)) "
                + "(k: 2, savings \(String(format: "%.1f", savingsFraction * 100))%, disruption \(String(format: "%.1f", disruptionFraction * 100))%)")
        }
        return Verdict(approved: approved, messages: messages)
    }

    func involvesBalanced(_ candidates: [Candidate]) -> Bool {
        candidates.contains { policies[$0.nodePool] == .balanced }
    }
}
