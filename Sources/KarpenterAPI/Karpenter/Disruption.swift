public struct ConsolidationPolicy: OpenEnum {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let whenEmpty: ConsolidationPolicy = "WhenEmpty"
    public static let whenEmptyOrUnderutilized: ConsolidationPolicy = "WhenEmptyOrUnderutilized"
    /// core ≥ v1.14.
    public static let balanced: ConsolidationPolicy = "Balanced"
    /// v1beta1 only; became `WhenEmptyOrUnderutilized` in v1.
    public static let whenUnderutilized: ConsolidationPolicy = "WhenUnderutilized"
    /// The v1 values.
    public static let knownValues: [ConsolidationPolicy] = [.whenEmpty, .whenEmptyOrUnderutilized, .balanced]
}

public struct DisruptionReason: OpenEnum {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let underutilized: DisruptionReason = "Underutilized"
    public static let empty: DisruptionReason = "Empty"
    public static let drifted: DisruptionReason = "Drifted"
    public static let knownValues: [DisruptionReason] = [.underutilized, .empty, .drifted]
}

/// How many nodes may be disrupted at once, optionally only during a cron window.
public struct Budget: Codable, Hashable, Sendable {
    /// `"10%"` or an integer count, as a string.
    public var nodes: String
    /// Cron expression or macro (`@daily`); set together with `duration`.
    public var schedule: String?
    /// Go duration of hours/minutes, e.g. `2h20m`.
    public var duration: String?
    /// Absent means the budget applies to every reason.
    public var reasons: [DisruptionReason]?

    public init(nodes: String = "10%", schedule: String? = nil, duration: String? = nil, reasons: [DisruptionReason]? = nil) {
        self.nodes = nodes
        self.schedule = schedule
        self.duration = duration
        self.reasons = reasons
    }
}

public struct Disruption: Codable, Hashable, Sendable, DecodesMissingAsEmpty {
    /// Duration string or `Never`; the API server defaults it to `0s`.
    public var consolidateAfter: String?
    /// Absent means `WhenEmptyOrUnderutilized`.
    public var consolidationPolicy: ConsolidationPolicy?
    /// Absent means `[{nodes: 10%}]`.
    public var budgets: [Budget]?

    public init() {}

    public init(consolidateAfter: String? = nil, consolidationPolicy: ConsolidationPolicy? = nil, budgets: [Budget]? = nil) {
        self.consolidateAfter = consolidateAfter
        self.consolidationPolicy = consolidationPolicy
        self.budgets = budgets
    }

    public var effectiveConsolidationPolicy: ConsolidationPolicy { consolidationPolicy ?? .whenEmptyOrUnderutilized }
    public var effectiveBudgets: [Budget] { budgets ?? [Budget()] }
}
