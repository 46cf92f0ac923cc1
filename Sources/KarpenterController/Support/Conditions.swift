import KarpenterAPI

/// Sets status conditions the way operatorpkg does: `lastTransitionTime` moves only when
/// the status changes, and the root `Ready` is derived from its dependents.
struct ConditionSet {
    private(set) var conditions: [Condition]
    let generation: Int64?

    init(_ conditions: [Condition]?, generation: Int64?) {
        self.conditions = conditions ?? []
        self.generation = generation
    }

    func isTrue(_ type: String) -> Bool { conditions.condition(type)?.isTrue == true }

    mutating func set(_ type: String, _ status: ConditionStatus, reason: String, message: String? = nil) {
        let existing = conditions.firstIndex { $0.type == type }
        let transition = existing.flatMap { conditions[$0].status == status ? conditions[$0].lastTransitionTime : nil }
        let condition = Condition(type: type, status: status, reason: reason, message: message?.isEmpty == true ? nil : message,
                                  lastTransitionTime: transition ?? Timestamps.now(), observedGeneration: generation)
        if let existing { conditions[existing] = condition } else { conditions.append(condition) }
    }

    mutating func remove(_ type: String) {
        conditions.removeAll { $0.type == type }
    }

    /// Ready = True when every dependent is True, False when any is False, else Unknown.
    mutating func setReady(dependents: [String]) {
        let states = dependents.map { conditions.condition($0) }
        if let failed = states.compactMap({ $0 }).first(where: { $0.status == .false }) {
            set(ConditionType.ready, .false, reason: failed.reason ?? "\(failed.type)False", message: failed.message)
        } else if states.allSatisfy({ $0?.isTrue == true }) {
            set(ConditionType.ready, .true, reason: "Ready")
        } else {
            let pending = dependents.filter { conditions.condition($0)?.isTrue != true }
            set(ConditionType.ready, .unknown, reason: "AwaitingReconciliation",
                message: "waiting for \(pending.joined(separator: ", "))")
        }
    }
}

extension Array where Element == Condition {
    /// Equal ignoring times, to decide whether a status write is needed.
    func sameStates(as other: [Condition]) -> Bool {
        func key(_ condition: Condition) -> String {
            "\(condition.type)|\(condition.status.rawValue)|\(condition.reason ?? "")|\(condition.message ?? "")|\(condition.observedGeneration ?? -1)"
        }
        return map(key).sorted() == other.map(key).sorted()
    }
}
