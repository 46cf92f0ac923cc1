import KarpenterAPI

/// Turns node selectors and node-affinity terms into `Requirements`.
enum RequirementsFromPod {
    static func requirement(_ expression: NodeSelectorRequirement) -> Requirement? {
        guard let op = RequirementOperator(rawValue: expression.operator.rawValue) else { return nil }
        let values = expression.values ?? []
        if (op == .gt || op == .lt || op == .gte || op == .lte), values.count != 1 || Int64(values[0]) == nil {
            return nil
        }
        return try? Requirement(expression.key, op, values)
    }

    static func requirements(nodeSelector: [String: String]?, term: NodeSelectorTerm?) -> Requirements {
        var result = Requirements()
        for (key, value) in (nodeSelector ?? [:]).sorted(by: { $0.key < $1.key }) {
            result.add(.in(key, [value]))
        }
        for expression in term?.matchExpressions ?? [] {
            if let requirement = requirement(expression) { result.add(requirement) }
        }
        return result
    }

    static func requirements(labels: [String: String]) -> Requirements {
        Requirements(labels.sorted { $0.key < $1.key }.map { Requirement.in($0.key, [$0.value]) })
    }
}
