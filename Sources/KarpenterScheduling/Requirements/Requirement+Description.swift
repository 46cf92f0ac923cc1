extension Requirement: CustomStringConvertible {
    /// `key In [a b]`, `key Exists >=3 <=9`, `key NotIn [a] minValues 2` — the upstream format,
    /// with at most five values listed.
    public var description: String {
        var text = key.name + " " + self.operator.rawValue
        switch self.operator {
        case .in, .notIn:
            var shown = valueStrings
            if shown.count > 5 {
                let others = shown.count - 5
                shown = Array(shown.prefix(5)) + ["and \(others) others"]
            }
            text += " [" + shown.joined(separator: " ") + "]"
        default:
            break
        }
        if let greaterThanOrEqual { text += " >=\(greaterThanOrEqual)" }
        if let lessThanOrEqual { text += " <=\(lessThanOrEqual)" }
        if let minValues { text += " minValues \(minValues)" }
        return text
    }

    /// The requirement as selector expressions. Two bounds print as two entries (`Gte`, `Lte`).
    public var inputs: [RequirementInput] {
        if greaterThanOrEqual != nil || lessThanOrEqual != nil {
            var result: [RequirementInput] = []
            if !values.isEmpty {
                result.append(RequirementInput(key: key.name, operator: "NotIn", values: valueStrings, minValues: minValues))
            }
            if let greaterThanOrEqual {
                result.append(RequirementInput(key: key.name, operator: "Gte", values: [String(greaterThanOrEqual)], minValues: minValues))
            }
            if let lessThanOrEqual {
                result.append(RequirementInput(key: key.name, operator: "Lte", values: [String(lessThanOrEqual)], minValues: minValues))
            }
            return result
        }
        return [RequirementInput(key: key.name, operator: self.operator.rawValue, values: valueStrings, minValues: minValues)]
    }
}
