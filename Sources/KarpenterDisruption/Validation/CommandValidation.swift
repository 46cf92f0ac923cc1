import KarpenterAPI

/// The result of re-checking a command after the validation delay (DISRUPTION.md §9).
public enum ValidationOutcome: Sendable {
    /// Execute this command (for emptiness: only the candidates that survived).
    case proceed(DisruptionCommand)
    case reject(ValidationRejection)

    public var command: DisruptionCommand? {
        if case .proceed(let command) = self { return command }
        return nil
    }
}

public struct ValidationRejection: Sendable, Hashable, Error {
    public enum Reason: String, Sendable, Hashable {
        case budget
        case scheduling
        case churn
    }

    public var reason: Reason
    public var message: String

    /// The `ConsolidationRejected` event message.
    public var eventMessage: String { "\(message), reason: \(reason.rawValue)" }
}

extension DisruptionPlanner {
    /// Re-checks a command planned from an older input against this planner's (newer) input.
    public static func validate(_ command: DisruptionCommand, against newer: DisruptionInput) -> ValidationOutcome {
        DisruptionPlanner(newer).validate(command)
    }

    /// Re-checks `command` against this planner's input.
    public func validate(_ command: DisruptionCommand) -> ValidationOutcome {
        switch command.method {
        case .drift:
            return .proceed(command)
        case .emptiness:
            return validateEmptiness(command)
        case .multiNodeConsolidation, .singleNodeConsolidation:
            return validateConsolidation(command)
        }
    }

    private func validateEmptiness(_ command: DisruptionCommand) -> ValidationOutcome {
        let current = Dictionary(candidates(for: .emptiness).taken.map { ($0.node.name, $0.candidate!) }, uniquingKeysWith: { a, _ in a })
        var remaining = budgets(for: .empty).pools.mapValues(\.remaining)
        var survivors: [Candidate] = []
        var lostToBudget = false
        for original in command.candidates {
            guard let candidate = current[original.nodeName] else { continue }
            guard remaining[candidate.nodePool, default: 0] > 0 else {
                lostToBudget = true
                continue
            }
            remaining[candidate.nodePool]! -= 1
            survivors.append(candidate)
        }
        guard !survivors.isEmpty else {
            return .reject(ValidationRejection(reason: lostToBudget ? .budget : .churn,
                                               message: "abandoning empty node consolidation attempt due to pod churn"))
        }
        var result = command
        result.candidates = survivors
        result.estimatedSavings = survivors.reduce(0.0) { $0 + $1.price }
        return .proceed(result)
    }

    private func validateConsolidation(_ command: DisruptionCommand) -> ValidationOutcome {
        let names = command.candidates.map(\.nodeName)
        let reject = { (reason: ValidationRejection.Reason, detail: String) -> ValidationOutcome in
            .reject(ValidationRejection(reason: reason, message: "Abandoning consolidation: \(detail)"))
        }
        if let nominated = names.first(where: { name in state.node(named: name)?.matches(state.input.options.nominatedNodes) == true }) {
            return reject(.budget, "node \(nominated) is nominated for a pending pod")
        }
        let current = candidates(for: command.method).taken
        var byName: [String: NodeAssessment] = [:]
        for assessment in current { byName[assessment.node.name] = assessment }
        let survivors = names.compactMap { byName[$0] }
        guard survivors.count == names.count else {
            let lost = names.filter { byName[$0] == nil }
            return reject(.churn, "candidate(s) \(lost.joined(separator: ", ")) are no longer consolidation candidates")
        }
        let mapping = budgets(for: .underutilized)
        var perPool: [String: Int] = [:]
        for assessment in survivors { perPool[assessment.candidate!.nodePool, default: 0] += 1 }
        if let (pool, _) = perPool.first(where: { mapping[$0.key] < $0.value }) {
            return reject(.budget, "NodePool \"\(pool)\" no longer has disruption budget for all candidates")
        }
        switch consolidation.compute(survivors, method: command.method) {
        case .unschedulable(let text):
            return reject(.scheduling, text)
        case .noop(let text):
            return reject(.scheduling, "scheduling simulation produced new results (\(text))")
        case .command(let fresh):
            guard fresh.decision == command.decision, fresh.replacements.count == command.replacements.count else {
                return reject(.scheduling, "scheduling simulation produced new results")
            }
            if let planned = command.replacements.first, let now = fresh.replacements.first {
                let allowed = Set(now.instanceTypes.map(\.name))
                guard planned.instanceTypes.allSatisfy({ allowed.contains($0.name) }) else {
                    return reject(.scheduling, "scheduling simulation produced new results (the replacement's instance types changed)")
                }
            }
            return .proceed(command)
        }
    }
}
