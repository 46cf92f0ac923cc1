/// NodeClaim `status` differences between v1beta1 and v1: v1beta1 conditions carry `severity`;
/// v1 conditions carry `observedGeneration` and require `lastTransitionTime`; v1 adds
/// `lastPodEventTime`. Status is written by the controller in the storage version (v1), so
/// what the other version lacks is dropped with a note rather than kept.
enum NodeClaimStatusConversion {
    static let conditions = ["status", "conditions"]

    static func toV1(_ result: inout ConversionResult) {
        editConditions(&result) { index, condition, notes in
            if let severity = condition["severity"] {
                condition["severity"] = nil
                notes.append("dropped status.conditions[\(index)].severity \(ConversionTree.display(severity)) because v1 conditions have no severity")
            }
            if condition["lastTransitionTime"] == nil {
                notes.append("status.conditions[\(index)] has no lastTransitionTime, which v1 requires")
            }
        }
    }

    static func toV1beta1(_ result: inout ConversionResult) {
        if let time = ConversionTree.remove(&result.converted, ["status", "lastPodEventTime"]) {
            result.notes.append("dropped status.lastPodEventTime \(ConversionTree.display(time)) because v1beta1 has no such field")
        }
        editConditions(&result) { index, condition, notes in
            if let generation = condition["observedGeneration"] {
                condition["observedGeneration"] = nil
                notes.append("dropped status.conditions[\(index)].observedGeneration \(ConversionTree.display(generation)) because v1beta1 conditions have no such field")
            }
        }
    }

    private static func editConditions(_ result: inout ConversionResult, _ edit: (Int, inout JSONValue, inout [String]) -> Void) {
        guard case .array(var items)? = ConversionTree.get(result.converted, conditions) else { return }
        let before = items
        for index in items.indices where items[index].objectValue != nil {
            edit(index, &items[index], &result.notes)
        }
        if items != before { ConversionTree.set(&result.converted, conditions, .array(items)) }
    }
}
