import KarpenterAPI
import KarpenterScheduling

/// What removing one node would do right now (`kubectl karpenter` plugin, upstream #711):
/// where each of its pods would go, what would have to be launched, and what stands in the way.
public struct RemovalSimulation: Sendable {
    public struct PodMove: Sendable, Hashable {
        public var pod: String
        /// nil when the pod could not be placed.
        public var destination: PodDestination?
        /// The scheduler's reason when it could not be placed.
        public var unschedulableReason: String?
    }

    public struct NewNode: Sendable, Hashable {
        public var name: String
        public var nodePool: String
        /// The cheapest type it could launch as.
        public var instanceType: String
        public var zone: String
        public var capacityType: String
        public var price: Double
        public var instanceTypeOptions: Int
        public var pods: [String]
    }

    public var nodeName: String
    public var nodePool: String?
    public var pods: [PodMove]
    public var newNodes: [NewNode]
    /// Pods that would become unschedulable, with the scheduler's reason.
    public var unschedulable: [PodMove] { pods.filter { $0.destination == nil } }
    /// The candidate check that blocks disrupting the node now (PDB, do-not-disrupt...), if any.
    public var blockedBy: String?
    /// Remaining budget of the node's pool per reason (nil: unlimited), and whether it is zero.
    public var budgets: [DisruptionReason: Int?]
    public var budgetAllows: Bool { budgets[.underutilized].map { $0 == nil || $0! > 0 } ?? false }
    public var currentPrice: Double
    public var replacementPrice: Double
    /// Replacement price − current price per hour (negative saves money).
    public var hourlyCostChange: Double { replacementPrice - currentPrice }
    /// What consolidation itself would decide for this node alone (its rules and price filter).
    public var consolidationVerdict: String
}

extension DisruptionPlanner {
    /// Simulates removing `nodeName` (ignoring whether it is a candidate) and reports pod by pod.
    public func simulateRemoval(of nodeName: String) -> RemovalSimulation? {
        guard let assessment = assessments.first(where: { $0.node.name == nodeName || $0.node.nodeClaimName == nodeName }) else {
            return nil
        }
        let simulation = simulator.simulate(removing: [assessment], eventual: false, consolidation: true)
        var reasons: [String: String] = [:]
        for failure in simulation.scheduling.unschedulable + simulation.scheduling.ignored { reasons[failure.pod] = failure.reason }
        for error in simulation.errors where reasons[error.pod] == nil { reasons[error.pod] = error.reason }
        let pods = assessment.reschedulable.map { pod -> RemovalSimulation.PodMove in
            let key = PodLookup.key(pod)
            let uninitialized = simulation.errors.first { $0.pod == key && $0.reason.hasPrefix("would schedule against uninitialized") }
            if let uninitialized { return .init(pod: key, destination: nil, unschedulableReason: uninitialized.reason) }
            return .init(pod: key, destination: simulation.destinations[key], unschedulableReason: simulation.destinations[key] == nil ? reasons[key] : nil)
        }
        let newNodes = simulation.newNodeClaims.compactMap { plan -> RemovalSimulation.NewNode? in
            guard let launch = plan.launch else { return nil }
            return .init(name: plan.name, nodePool: plan.nodePool, instanceType: launch.name, zone: launch.zone,
                         capacityType: launch.capacityType, price: launch.price, instanceTypeOptions: plan.instanceTypes.count, pods: plan.pods)
        }
        var budgetsByReason: [DisruptionReason: Int?] = [:]
        if let pool = assessment.node.nodePoolName {
            for reason in DisruptionReason.allCases {
                let remaining = budgets(for: reason)[pool]
                budgetsByReason[reason] = remaining == Int.max ? Optional<Int>.none : remaining
            }
        }
        let verdict: String
        if let candidate = assessment.candidate, assessment.gateBlock == nil, assessment.podBlock == nil {
            switch MethodFilter.check(.singleNodeConsolidation, candidate, state) {
            case .skip(let message, _):
                verdict = candidate.isEmpty && MethodFilter.check(.emptiness, candidate, state) == .disrupt
                    ? "empty: emptiness would delete it" : message
            case .disrupt:
                switch consolidation.compute([assessment], method: .singleNodeConsolidation) {
                case .command(let command): verdict = command.eventMessage
                case .noop(let text), .unschedulable(let text): verdict = text
                }
            }
        } else {
            verdict = assessment.gateBlock ?? assessment.podBlock ?? "not a candidate"
        }
        return RemovalSimulation(nodeName: assessment.node.name, nodePool: assessment.node.nodePoolName, pods: pods, newNodes: newNodes,
                                 blockedBy: assessment.gateBlock ?? assessment.podBlock, budgets: budgetsByReason,
                                 currentPrice: state.price(of: assessment.node),
                                 replacementPrice: newNodes.reduce(0.0) { $0 + $1.price }, consolidationVerdict: verdict)
    }
}
