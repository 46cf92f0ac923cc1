import Foundation
import KarpenterAPI

/// How many more nodes of each NodePool may be disrupted for one reason right now
/// (DISRUPTION.md §4).
public struct BudgetMapping: Sendable, Hashable {
    public struct Pool: Sendable, Hashable {
        public var nodePool: String
        /// Managed, initialized nodes of the pool whose instance is not terminating.
        public var nodes: Int
        /// Of those, nodes not Ready or marked for deletion (they consume budget).
        public var disrupting: Int
        /// The most restrictive active budget; nil when none applies (unlimited).
        public var allowed: Int?
        /// max(allowed − disrupting, 0); `Int.max` when unlimited.
        public var remaining: Int
    }

    public var reason: DisruptionReason
    public var pools: [String: Pool]

    /// Remaining disruptions for a pool (unknown pools: 0).
    public subscript(nodePool: String) -> Int { pools[nodePool]?.remaining ?? 0 }

    /// Pools with nodes whose active budgets allow no disruption at all, with the NodePool event's message.
    public var blocked: [BudgetBlock] {
        pools.values.filter { $0.nodes > 0 && $0.allowed == 0 }.sorted { $0.nodePool < $1.nodePool }.map {
            BudgetBlock(nodePool: $0.nodePool, reason: reason,
                        message: "No allowed disruptions for disruption reason \(reason.rawValue) due to blocking budget")
        }
    }
}

public struct BudgetBlock: Sendable, Hashable {
    public var nodePool: String
    public var reason: DisruptionReason
    public var message: String
}

public enum DisruptionBudgets {
    /// The number of nodes `budget` allows for a pool of `nodes` nodes at `now`, or nil when
    /// the budget is inactive or does not apply to `reason`. Invalid values fail closed (0).
    public static func allowed(by budget: Budget, reason: DisruptionReason, nodes: Int, now: Date) -> Int? {
        if let reasons = budget.reasons, !reasons.isEmpty, !reasons.contains(where: { $0.rawValue == reason.rawValue }) {
            return nil
        }
        if let schedule = budget.schedule {
            guard let cron = try? CronSchedule(parsing: schedule),
                  let durationText = budget.duration, let duration = try? GoDuration(parsing: durationText) else { return 0 }
            if !cron.isActive(at: now, duration: duration.seconds) { return nil }
        }
        let text = budget.nodes.trimmingCharacters(in: .whitespaces)
        if text.hasSuffix("%") {
            guard let percent = Int(text.dropLast()), percent >= 0 else { return 0 }
            return (percent * nodes + 99) / 100
        }
        guard let count = Int(text), count >= 0 else { return 0 }
        return count
    }

    /// The minimum over the NodePool's budgets that apply (nil: unlimited).
    public static func allowed(for nodePool: NodePool, reason: DisruptionReason, nodes: Int, now: Date) -> Int? {
        var result: Int?
        for budget in nodePool.spec.disruption.effectiveBudgets {
            guard let value = allowed(by: budget, reason: reason, nodes: nodes, now: now) else { continue }
            result = min(result ?? value, value)
        }
        return result
    }

    static func mapping(_ state: ClusterState, reason: DisruptionReason) -> BudgetMapping {
        var counts: [String: (nodes: Int, disrupting: Int)] = [:]
        for node in state.nodes {
            guard node.nodeClaim != nil, node.node != nil, let pool = node.nodePoolName, node.isInitialized,
                  !node.isInstanceTerminating else { continue }
            var entry = counts[pool] ?? (0, 0)
            entry.nodes += 1
            if !node.isReady || node.markedForDeletion { entry.disrupting += 1 }
            counts[pool] = entry
        }
        var pools: [String: BudgetMapping.Pool] = [:]
        for (name, pool) in state.pools {
            let count = counts[name] ?? (0, 0)
            let allowed = allowed(for: pool.nodePool, reason: reason, nodes: count.nodes, now: state.now)
            let remaining = allowed.map { max($0 - count.disrupting, 0) } ?? Int.max
            pools[name] = BudgetMapping.Pool(nodePool: name, nodes: count.nodes, disrupting: count.disrupting,
                                             allowed: allowed, remaining: remaining)
        }
        return BudgetMapping(reason: reason, pools: pools)
    }
}
