import KarpenterAPI

/// `ValidatePodDisruptionBudgetSpec`: the budget is one non-negative int or percentage.
enum DisruptionBudgetRules {
    static func validate(_ budget: JSONValue) -> [FieldIssue] {
        let spec = budget["spec"] ?? .object([:])
        var issues: [FieldIssue] = []
        let minAvailable = spec["minAvailable"].flatMap { $0.isNull ? nil : $0 }
        let maxUnavailable = spec["maxUnavailable"].flatMap { $0.isNull ? nil : $0 }
        if minAvailable != nil && maxUnavailable != nil {
            issues.append(.invalid("spec", "\"object\"", "minAvailable and maxUnavailable cannot be both set"))
        }
        for (field, value) in [("spec.minAvailable", minAvailable), ("spec.maxUnavailable", maxUnavailable)] {
            guard let value else { continue }
            issues += intOrPercentIssues(value, field: field)
        }
        return issues
    }

    private static func intOrPercentIssues(_ value: JSONValue, field: String) -> [FieldIssue] {
        if let count = value.integerValue {
            return count < 0 ? [.invalid(field, String(count), "must be greater than or equal to 0")] : []
        }
        guard let text = value.stringValue else {
            return [FieldIssue(reason: "FieldValueTypeInvalid", field: field, message: "Invalid value: \"\(value.typeName)\": must be an integer or a percentage")]
        }
        let digits = text.dropLast()
        guard text.hasSuffix("%"), !digits.isEmpty, digits.allSatisfy(\.isASCII), let percent = Int64(digits), percent >= 0 else {
            return [.invalid(field, FieldIssue.quoted(text), "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')")]
        }
        if percent > 100 {
            return [.invalid(field, FieldIssue.quoted(text), "must not be greater than 100%")]
        }
        return []
    }
}
