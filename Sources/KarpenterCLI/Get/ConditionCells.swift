import KarpenterAPI

/// Condition columns of the `get` tables.
enum ConditionCells {
    /// The Ready condition's status (`True`, `False`, `Unknown`); `Unknown` when absent.
    static func ready(_ conditions: [Condition]?) -> String {
        conditions?.first { $0.type == ConditionType.ready }?.status.rawValue ?? ConditionStatus.unknown.rawValue
    }

    /// Conditions whose True status means trouble or pending work rather than health.
    static let trueIsNotable: Set<String> = [
        ConditionType.drifted, ConditionType.consolidatable, ConditionType.instanceTerminating,
        ConditionType.disruptionReason, "Empty", "Expired",
    ]

    /// The conditions worth a look: any not True, plus the ones where True is the news
    /// (`Drifted=True`). `-` when everything is as it should be.
    static func notable(_ conditions: [Condition]?) -> String {
        let shown = (conditions ?? []).filter { condition in
            trueIsNotable.contains(condition.type) ? condition.status == .true : condition.status != .true
        }
        return shown.isEmpty ? "-" : shown.map { "\($0.type)=\($0.status.rawValue)" }.joined(separator: ",")
    }
}
