/// Runs the CEL rules (`x-kubernetes-validations`) of a schema over an object that already
/// passed the structural checks. Transition rules run only where the old object has a value
/// at the same place, as the API server does.
struct RuleValidator {
    private(set) var issues: [ValidationIssue] = []

    mutating func validate(_ value: JSONValue, old: JSONValue?, _ schema: SchemaNode, at path: FieldPath) {
        if value.isNull { return }
        if !schema.rules.isEmpty {
            let selfValue = CELValue(value)
            let oldValue = old.map(CELValue.init)
            for rule in schema.rules {
                if rule.isTransition && oldValue == nil { continue }
                var variables = ["self": selfValue]
                if let oldValue { variables["oldSelf"] = oldValue }
                let evaluator = CELEvaluator(variables: variables)
                do {
                    let result = try evaluator.evaluate(rule.expression)
                    if result != .bool(true) {
                        issues.append(.error(rule.isTransition ? .immutable : .ruleFailed, path,
                                             "Invalid value: \(StructuralValidator.render(value)): \(rule.message)",
                                             hint: RuleHints.hint(for: rule.message)))
                    }
                } catch {
                    issues.append(.error(.ruleFailed, path,
                                         "Invalid value: \(StructuralValidator.render(value)): \(rule.message) (the rule could not be evaluated: \(error))",
                                         hint: RuleHints.hint(for: rule.message)))
                }
            }
        }
        switch value {
        case .object(let dict):
            if schema.hasFixedFields {
                for (name, child) in dict {
                    guard let childSchema = schema.properties[name] else { continue }
                    validate(child, old: old?[name], childSchema, at: path.child(name))
                }
            } else if let valueSchema = schema.mapValues {
                for (key, child) in dict {
                    validate(child, old: old?[key], valueSchema, at: path.key(key))
                }
            }
        case .array(let items):
            guard let itemSchema = schema.items else { return }
            for (position, item) in items.enumerated() {
                validate(item, old: correlate(item, in: old, schema: schema), itemSchema, at: path.index(position))
            }
        default:
            break
        }
    }

    /// Items of `map` lists correlate with the old item of the same key; atomic lists never do.
    private func correlate(_ item: JSONValue, in old: JSONValue?, schema: SchemaNode) -> JSONValue? {
        guard schema.listType == "map", let oldItems = old?.arrayValue else { return nil }
        let key = schema.listMapKeys.map { item[$0] }
        return oldItems.first { candidate in schema.listMapKeys.map { candidate[$0] } == key }
    }
}
