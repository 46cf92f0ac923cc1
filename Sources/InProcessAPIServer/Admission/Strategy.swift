import KarpenterAPI

/// The per-resource rules of the real registry strategies: what a create may set, what an
/// update of the main resource or of `/status` may change, and the validation of built-ins.
enum Strategy {
    static func prepareForCreate(_ object: inout JSONValue, type: ResourceType) {
        switch (type.group, type.resource) {
        case ("", "pods"):
            PodDefaults.apply(to: &object)
        case ("", "namespaces"):
            prepareNamespace(&object)
            object["status"] = .object(["phase": .string("Active")])
        case ("", "nodes"):
            // The kubelet registers nodes with their status: it is kept.
            break
        default:
            if type.hasStatus { object["status"] = nil }
        }
    }

    static func validateCreate(_ object: JSONValue, type: ResourceType) -> [FieldIssue] {
        MetadataRules.validate(object, type: type) + specIssues(object, type: type)
    }

    private static func specIssues(_ object: JSONValue, type: ResourceType) -> [FieldIssue] {
        switch type {
        case .pods: return PodDefaults.validate(object)
        case .podDisruptionBudgets: return DisruptionBudgetRules.validate(object)
        default: return []
        }
    }

    /// The main resource never changes the status of kinds that have a status subresource.
    static func prepareForUpdate(_ object: inout JSONValue, old: JSONValue, type: ResourceType) {
        if type.hasStatus { object["status"] = old["status"] }
        if type == .namespaces {
            object["spec"] = old["spec"]
            prepareNamespace(&object)
        }
    }

    static func validateUpdate(_ object: JSONValue, old: JSONValue, type: ResourceType) -> [FieldIssue] {
        var issues = MetadataRules.updateIssues(new: object, old: old)
        if !type.isCustomResource { issues += MetadataRules.validate(object, type: type) }
        if type == .pods { issues += PodDefaults.updateIssues(new: object, old: old) }
        if type == .podDisruptionBudgets { issues += DisruptionBudgetRules.validate(object) }
        return issues
    }

    /// `/status` changes only the status: everything else comes from the stored object.
    static func prepareForStatusUpdate(_ object: JSONValue, old: JSONValue) -> JSONValue {
        var result = old
        result["status"] = object["status"]
        return result
    }

    private static func prepareNamespace(_ object: inout JSONValue) {
        var finalizers = object.value(at: ["spec", "finalizers"])?.arrayValue ?? []
        if !finalizers.contains(.string("kubernetes")) { finalizers.append(.string("kubernetes")) }
        object.set(["spec", "finalizers"], .array(finalizers))
        let name = object.metadataName
        if !name.isEmpty { object.set(["metadata", "labels", "kubernetes.io/metadata.name"], .string(name)) }
    }
}
