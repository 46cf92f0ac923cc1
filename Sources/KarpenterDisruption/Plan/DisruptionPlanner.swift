import Foundation
import KarpenterAPI
import KarpenterScheduling

/// The disruption planner: a pure function of a `DisruptionInput`. Decoding, candidate
/// checks and the scheduling snapshot happen once in `init`; each call below is pure.
public struct DisruptionPlanner: Sendable {
    let state: ClusterState
    let assessments: [NodeAssessment]
    let simulator: Simulator
    let consolidation: Consolidation
    let balanced: BalancedScore

    public init(_ input: DisruptionInput) {
        state = ClusterState(input)
        assessments = NodeAssessor.assess(state)
        simulator = Simulator(state: state, assessments: assessments)
        consolidation = Consolidation(state: state, simulator: simulator, pricing: ReplacementPricing(state: state))
        balanced = BalancedScore(state: state, assessments: assessments)
    }

    public var input: DisruptionInput { state.input }

    /// Runs Emptiness → Drift → multi-node → single-node consolidation, stopping at the first
    /// method that yields a command (DISRUPTION.md §2).
    public func plan(methods: [DisruptionMethod] = DisruptionMethod.allCases) -> DisruptionPlan {
        var results: [MethodResult] = []
        for method in methods {
            let result = run(method)
            results.append(result)
            if result.command != nil { break }
        }
        return assemble(results)
    }

    /// One method on its own (benchmarks, explain).
    public func run(_ method: DisruptionMethod) -> MethodResult {
        switch method {
        case .emptiness: return emptiness()
        case .drift: return drift()
        case .multiNodeConsolidation: return multiNodeConsolidation()
        case .singleNodeConsolidation: return singleNodeConsolidation()
        }
    }

    /// Remaining disruptions per NodePool for a reason (DISRUPTION.md §4).
    public func budgets(for reason: DisruptionReason) -> BudgetMapping {
        DisruptionBudgets.mapping(state, reason: reason)
    }

    /// Candidates for `method` (sorted the method's way), with why the others were left out.
    func candidates(for method: DisruptionMethod) -> (taken: [NodeAssessment], notes: [String: MethodResult.Note]) {
        var taken: [NodeAssessment] = []
        var notes: [String: MethodResult.Note] = [:]
        for assessment in assessments {
            guard assessment.gateBlock == nil, let candidate = assessment.candidate else { continue }
            if assessment.podBlock != nil {
                let exempt = method.isEventual && assessment.node.nodeClaim?.spec.terminationGracePeriod != nil
                if !exempt { continue }
            }
            switch MethodFilter.check(method, candidate, state) {
            case .disrupt: taken.append(assessment)
            case .skip(let message, let event): notes[assessment.node.name] = MethodResult.Note(message: message, unconsolidatable: event)
            }
        }
        if method == .drift {
            taken.sort { a, b in
                let (x, y) = (a.candidate!, b.candidate!)
                if x.isEmpty != y.isEmpty { return x.isEmpty }
                let (tx, ty) = (x.driftedSince ?? .distantPast, y.driftedSince ?? .distantPast)
                return tx != ty ? tx < ty : x.nodeName < y.nodeName
            }
        } else {
            taken.sort { savingsOrder($0.candidate!, $1.candidate!) }
        }
        return (taken, notes)
    }
}

/// What one method decided.
public struct MethodResult: Sendable {
    public struct Note: Sendable, Hashable {
        public var message: String
        /// Published as `Unconsolidatable` (true) or `DisruptionBlocked` for drift scheduling failures.
        public var unconsolidatable: Bool
        public var disruptionBlocked: Bool = false
    }

    public var method: DisruptionMethod
    public var command: DisruptionCommand?
    public var candidates: Int
    public var budgetBlocked: Bool
    public var simulations: Int
    public var unreachedNodePools: [String] = []
    /// Why nodes were not chosen, by node name.
    public var notes: [String: Note]
    /// Budget-blocked pools for this method's reason.
    public var blockedBudgets: [BudgetBlock]

    var report: MethodReport {
        MethodReport(method: method, candidates: candidates, producedCommand: command != nil, budgetBlocked: budgetBlocked,
                     simulations: simulations, unreachedNodePools: unreachedNodePools)
    }
}
