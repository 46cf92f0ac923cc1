import KarpenterAPI

/// Each method's `ShouldDisrupt` (DISRUPTION.md §5–§7).
enum MethodFilter {
    enum Outcome: Sendable, Equatable {
        case disrupt
        /// Not for this method. `event` marks reasons upstream reports as `Unconsolidatable`.
        case skip(String, event: Bool)
    }

    static func check(_ method: DisruptionMethod, _ candidate: Candidate, _ state: ClusterState) -> Outcome {
        guard let pool = state.pools[candidate.nodePool] else { return .skip("NodePool not found (NodePool=\(candidate.nodePool))", event: false) }
        if pool.isStatic { return .skip("NodePool \"\(pool.name)\" is static (spec.replicas is set)", event: false) }
        switch method {
        case .emptiness:
            if pool.consolidationDisabled { return .skip("NodePool \"\(pool.name)\" has consolidation disabled", event: candidate.isEmpty) }
            if !candidate.isEmpty { return .skip("node is not empty", event: false) }
            if !candidate.consolidatable.isConsolidatable { return .skip(candidate.consolidatable.description, event: false) }
            return .disrupt
        case .drift:
            guard let reason = candidate.driftReason else { return .skip("node is not drifted", event: false) }
            _ = reason
            return .disrupt
        case .multiNodeConsolidation, .singleNodeConsolidation:
            if pool.instanceTypes?[candidate.instanceType] == nil {
                return .skip("Instance Type \"\(candidate.instanceType)\" not found", event: true)
            }
            if candidate.capacityType.isEmpty { return .skip("node does not have label \"\(WellKnownLabel.capacityType)\"", event: true) }
            if candidate.zone.isEmpty { return .skip("node does not have label \"\(WellKnownLabel.zone)\"", event: true) }
            if pool.consolidationDisabled { return .skip("NodePool \"\(pool.name)\" has consolidation disabled", event: true) }
            if candidate.isEmpty { return .skip("node is empty (emptiness removes it)", event: false) }
            if pool.policy == .whenEmpty {
                return .skip("NodePool \"\(pool.name)\" has consolidation policy WhenEmpty, but node is not empty", event: true)
            }
            if !candidate.consolidatable.isConsolidatable { return .skip(candidate.consolidatable.description, event: false) }
            return .disrupt
        }
    }
}
