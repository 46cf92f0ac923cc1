import KarpenterAPI

/// Node affinity as kube-scheduler evaluates it against one node's labels.
enum NodeSelectorMatching {
    static func matches(_ requirement: NodeSelectorRequirement, labels: [String: String]) -> Bool {
        let values = requirement.values ?? []
        let label = labels[requirement.key]
        switch requirement.operator {
        case .in: return label.map(values.contains) ?? false
        case .notIn: return label.map { !values.contains($0) } ?? true
        case .exists: return label != nil
        case .doesNotExist: return label == nil
        case .gt, .lt, .gte, .lte:
            guard let label, let have = Int64(label), let bound = values.first.flatMap({ Int64($0) }) else { return false }
            switch requirement.operator {
            case .gt: return have > bound
            case .lt: return have < bound
            case .gte: return have >= bound
            default: return have <= bound
            }
        default:
            return false
        }
    }

    static func matches(_ term: NodeSelectorTerm, labels: [String: String]) -> Bool {
        (term.matchExpressions ?? []).allSatisfy { matches($0, labels: labels) }
    }

    /// `key In [a, b]`, `key Exists`.
    static func describe(_ requirement: NodeSelectorRequirement) -> String {
        switch requirement.operator {
        case .exists, .doesNotExist: return "\(requirement.key) \(requirement.operator.rawValue)"
        default: return "\(requirement.key) \(requirement.operator.rawValue) [\((requirement.values ?? []).joined(separator: ", "))]"
        }
    }

    /// `node has key=value` or `node has no key label`.
    static func evidence(_ key: String, labels: [String: String]) -> String {
        labels[key].map { "node has \(key)=\($0)" } ?? "node has no \(key) label"
    }
}
