/// Findings the API server accepts but that will hurt: the NodePool runtime validation that
/// marks a NodePool not ready, values no node can ever carry, near-miss label keys,
/// NodePools pinned so tightly they will rarely find capacity, and deprecated versions.
enum SemanticWarnings {
    /// Keys a near-miss is compared with: the well-known labels and the hostname label.
    private static let knownKeys: Set<String> = WellKnownLabel.all.union([WellKnownLabel.hostname])

    static func review(_ object: JSONValue, schema: CRDSchema, knownValues: KnownLabelValues) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        if schema.deprecated || (schema.group == "karpenter.sh" && schema.version == "v1beta1") {
            let replacement = schema.kind == "AKSNodeClass" ? "karpenter.azure.com/v1beta1" : "karpenter.sh/v1"
            issues.append(.warning(.notPortable, FieldPath(dotted: "apiVersion"),
                                   "\(schema.group)/\(schema.version) \(schema.kind) is deprecated; use \(replacement) \(schema.kind)",
                                   hint: schema.kind == "NodePool" ? "run `kubectl karpenter convert -f FILE`" : "change apiVersion to \(replacement); the schema is the same"))
        }
        switch schema.kind {
        case "NodePool":
            let templateSpec = FieldPath(dotted: "spec.template.spec")
            issues += requirementIssues(object["spec"]?["template"]?["spec"]?["requirements"],
                                        at: templateSpec.child("requirements"), knownValues: knownValues, isNodePool: true)
            issues += templateLabelIssues(object["spec"]?["template"]?["metadata"]?["labels"],
                                          at: FieldPath(dotted: "spec.template.metadata.labels"))
            issues += taintIssues(object["spec"]?["template"]?["spec"], at: templateSpec)
            issues += flexibilityIssues(object["spec"]?["template"]?["spec"]?["requirements"], at: templateSpec.child("requirements"))
            issues += budgetIssues(object["spec"]?["disruption"], at: FieldPath(dotted: "spec.disruption"))
        case "NodeClaim":
            issues += requirementIssues(object["spec"]?["requirements"], at: FieldPath(dotted: "spec.requirements"),
                                        knownValues: knownValues, isNodePool: false)
            issues += taintIssues(object["spec"], at: FieldPath(dotted: "spec"))
        default:
            break
        }
        return issues
    }

    private static func requirementIssues(_ requirements: JSONValue?, at path: FieldPath,
                                          knownValues: KnownLabelValues, isNodePool: Bool) -> [ValidationIssue] {
        guard let items = requirements?.arrayValue else { return [] }
        var issues: [ValidationIssue] = []
        for (position, item) in items.enumerated() {
            let itemPath = path.index(position)
            guard let key = item["key"]?.stringValue, let op = item["operator"]?.stringValue else { continue }
            let values = item["values"]?.arrayValue?.compactMap(\.stringValue) ?? []
            let normalized = WellKnownLabel.normalize(key)
            if normalized != key {
                issues.append(.warning(.notPortable, itemPath.child("key"),
                                       "\"\(key)\" is deprecated; Karpenter reads it as \"\(normalized)\"",
                                       hint: "write \(normalized)"))
            }
            if !knownKeys.contains(normalized),
               let close = Spelling.closest(to: normalized, among: Array(knownKeys), maxDistance: 2) {
                issues.append(.warning(.likelyTypo, itemPath.child("key"),
                                       "\"\(key)\" is not a well-known label, but \"\(close)\" is; no instance type will carry \"\(key)\"",
                                       hint: "did you mean \(close)?"))
            }
            for problem in KubernetesNames.qualifiedNameProblems(key) {
                issues.append(.warning(.runtimeInvalid, itemPath.child("key"),
                                       "key \"\(key)\": \(problem); the NodePool will be marked not ready",
                                       hint: "use a valid label key"))
            }
            for (valueIndex, value) in values.enumerated() {
                for problem in KubernetesNames.labelValueProblems(value) {
                    issues.append(.warning(.runtimeInvalid, itemPath.child("values").index(valueIndex),
                                           "value \"\(value)\": \(problem); it will be rejected at runtime",
                                           hint: "use a valid label value"))
                }
            }
            if (op == "Exists" || op == "DoesNotExist"), !values.isEmpty {
                issues.append(.warning(.runtimeInvalid, itemPath.child("values"),
                                       "operator \(op) takes no values; Karpenter's runtime validation rejects this requirement",
                                       hint: "remove values, or use In/NotIn"))
            }
            if op == "In", let allowed = knownValues.values[normalized] {
                let unknown = values.filter { !allowed.contains($0) }
                if !unknown.isEmpty {
                    let noneKnown = unknown.count == values.count
                    let known = knownValuesText(allowed)
                    let message = noneKnown
                        ? "no node can have \(normalized) in \(values); known values are \(known)"
                        : "\(unknown) never occur for \(normalized); known values are \(known)"
                    issues.append(.warning(noneKnown && isNodePool ? .runtimeInvalid : .unknownValue, itemPath.child("values"),
                                           message + (noneKnown ? "; this NodePool can never launch a node" : ""),
                                           hint: Spelling.closest(to: unknown[0], among: Array(allowed)).map { "did you mean \($0)?" } ?? "pick from the known values (values are case-sensitive)"))
                }
            }
        }
        return issues
    }

    /// The known values, sorted; long lists (instance types) are cut to the first few.
    private static func knownValuesText(_ allowed: Set<String>, limit: Int = 12) -> String {
        let sorted = allowed.sorted()
        guard sorted.count > limit else { return "\(sorted)" }
        return "\(Array(sorted.prefix(limit))) and \(sorted.count - limit) more"
    }

    private static func templateLabelIssues(_ labels: JSONValue?, at path: FieldPath) -> [ValidationIssue] {
        guard let map = labels?.objectValue else { return [] }
        var issues: [ValidationIssue] = []
        for key in map.keys {
            for problem in KubernetesNames.qualifiedNameProblems(key) {
                issues.append(.warning(.runtimeInvalid, path.key(key),
                                       "label key \"\(key)\": \(problem); the NodePool will be marked not ready",
                                       hint: "use a valid label key"))
            }
            if !knownKeys.contains(key),
               let close = Spelling.closest(to: key, among: Array(knownKeys), maxDistance: 2) {
                issues.append(.warning(.likelyTypo, path.key(key),
                                       "\"\(key)\" is one edit away from the well-known label \"\(close)\"",
                                       hint: "did you mean \(close)?"))
            }
        }
        return issues
    }

    private static func taintIssues(_ spec: JSONValue?, at path: FieldPath) -> [ValidationIssue] {
        var seen: [String: FieldPath] = [:]
        var issues: [ValidationIssue] = []
        for list in ["taints", "startupTaints"] {
            for (position, taint) in (spec?[list]?.arrayValue ?? []).enumerated() {
                let key = taint["key"]?.stringValue ?? ""
                let effect = taint["effect"]?.stringValue ?? ""
                let identity = key + "\u{0}" + effect
                let taintPath = path.child(list).index(position)
                if let first = seen[identity] {
                    issues.append(.warning(.runtimeInvalid, taintPath,
                                           "taint \(key):\(effect) duplicates \(first); the NodePool will be marked not ready",
                                           hint: "keep one taint per key and effect across taints and startupTaints"))
                } else {
                    seen[identity] = taintPath
                }
            }
        }
        return issues
    }

    private static func flexibilityIssues(_ requirements: JSONValue?, at path: FieldPath) -> [ValidationIssue] {
        guard let items = requirements?.arrayValue else { return [] }
        func pinnedValue(_ key: String) -> String? {
            for item in items where WellKnownLabel.normalize(item["key"]?.stringValue ?? "") == key {
                if item["operator"]?.stringValue == "In", let values = item["values"]?.arrayValue, Set(values).count == 1 {
                    return values[0].stringValue
                }
            }
            return nil
        }
        let capacityType = pinnedValue("karpenter.sh/capacity-type")
        let zone = pinnedValue("topology.kubernetes.io/zone")
        let instanceType = pinnedValue("node.kubernetes.io/instance-type")
        guard capacityType != nil, zone != nil || instanceType != nil else { return [] }
        let pins = [("capacity type", capacityType), ("zone", zone), ("instance type", instanceType)]
            .compactMap { label, value in value.map { "\(label) \($0)" } }
        return [.warning(.limitedFlexibility, path,
                         "this NodePool allows only \(pins.joined(separator: ", ")); when Azure has no capacity for that one offering, pods stay pending",
                         hint: "allow several zones and instance types, or both spot and on-demand")]
    }

    private static func budgetIssues(_ disruption: JSONValue?, at path: FieldPath) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        for (position, budget) in (disruption?["budgets"]?.arrayValue ?? []).enumerated()
        where budget["schedule"] == nil && (budget["nodes"]?.stringValue == "0" || budget["nodes"]?.stringValue == "0%") {
            let reasons = budget["reasons"]?.arrayValue?.compactMap(\.stringValue) ?? []
            issues.append(.warning(.limitedFlexibility, path.child("budgets").index(position),
                                   "this budget always allows 0 nodes, so \(reasons.isEmpty ? "no node of this NodePool is ever disrupted (not even drifted or empty ones)" : "\(reasons.joined(separator: "/")) disruption never happens")",
                                   hint: "add a schedule and duration to limit the freeze to a window"))
        }
        return issues
    }
}
