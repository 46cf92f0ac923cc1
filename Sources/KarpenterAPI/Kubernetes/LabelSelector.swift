public struct LabelSelectorOperator: OpenEnum {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let `in`: LabelSelectorOperator = "In"
    public static let notIn: LabelSelectorOperator = "NotIn"
    public static let exists: LabelSelectorOperator = "Exists"
    public static let doesNotExist: LabelSelectorOperator = "DoesNotExist"
    public static let knownValues: [LabelSelectorOperator] = [.in, .notIn, .exists, .doesNotExist]
}

public struct LabelSelectorRequirement: Codable, Hashable, Sendable {
    public var key: String
    public var `operator`: LabelSelectorOperator
    public var values: [String]?

    public init(key: String, operator: LabelSelectorOperator, values: [String]? = nil) {
        self.key = key
        self.operator = `operator`
        self.values = values
    }

    /// Nil when the requirement is malformed the way `LabelSelectorAsSelector` rejects it:
    /// unknown operator, In/NotIn without values, Exists/DoesNotExist with values.
    public func matches(labels: [String: String]) -> Bool? {
        let values = self.values ?? []
        let label = labels[key]
        switch self.operator {
        case .in:
            guard !values.isEmpty else { return nil }
            return label.map(values.contains) ?? false
        case .notIn:
            guard !values.isEmpty else { return nil }
            return label.map { !values.contains($0) } ?? true
        case .exists:
            guard values.isEmpty else { return nil }
            return label != nil
        case .doesNotExist:
            guard values.isEmpty else { return nil }
            return label == nil
        default:
            return nil
        }
    }
}

/// `metav1.LabelSelector`. An empty selector matches everything; callers holding an absent
/// (nil) selector should treat it as matching nothing, as Kubernetes does.
public struct LabelSelector: Codable, Hashable, Sendable, DecodesMissingAsEmpty {
    public var matchLabels: [String: String]?
    public var matchExpressions: [LabelSelectorRequirement]?

    public init() {}

    public init(matchLabels: [String: String]? = nil, matchExpressions: [LabelSelectorRequirement]? = nil) {
        self.matchLabels = matchLabels
        self.matchExpressions = matchExpressions
    }

    public var isEmpty: Bool {
        (matchLabels ?? [:]).isEmpty && (matchExpressions ?? []).isEmpty
    }

    /// A malformed expression makes the whole selector match nothing (Kubernetes fails to
    /// build the selector in that case).
    public func matches(labels: [String: String]) -> Bool {
        for (key, value) in matchLabels ?? [:] where labels[key] != value {
            return false
        }
        for requirement in matchExpressions ?? [] {
            guard requirement.matches(labels: labels) == true else { return false }
        }
        return true
    }
}
