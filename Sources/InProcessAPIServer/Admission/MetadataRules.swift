import KarpenterAPI

/// `ValidateObjectMeta` and `ValidateObjectMetaUpdate` for built-in kinds (custom resources
/// get the same checks from the admission core).
enum MetadataRules {

    /// The fields `ObjectMeta` has; others are dropped when decoding, as upstream.
    static let knownFields: Set<String> = [
        "name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation",
        "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations",
        "ownerReferences", "finalizers", "managedFields",
    ]

    static func validate(_ object: JSONValue, type: ResourceType) -> [FieldIssue] {
        var issues: [FieldIssue] = []
        let name = object.metadataName
        if name.isEmpty {
            issues.append(.required("metadata.name", "name or generateName is required"))
        } else {
            for problem in nameProblems(name, type: type) {
                issues.append(.invalid("metadata.name", FieldIssue.quoted(name), problem))
            }
        }
        issues += labelIssues(object.value(at: ["metadata", "labels"]))
        issues += annotationIssues(object.value(at: ["metadata", "annotations"]))
        issues += finalizerIssues(object.value(at: ["metadata", "finalizers"]))
        return issues
    }

    static func nameProblems(_ name: String, type: ResourceType) -> [String] {
        switch (type.group, type.resource) {
        case ("", "namespaces"):
            return labelProblems(name, firstMayBeDigit: true,
                                 rule: "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')")
        case ("", "services"):
            return labelProblems(name, firstMayBeDigit: false,
                                 rule: "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')")
        default:
            return KubernetesNames.dns1123SubdomainProblems(name)
        }
    }

    /// RFC 1123 (`[a-z0-9]([-a-z0-9]*[a-z0-9])?`) or, without a leading digit, RFC 1035 labels.
    private static func labelProblems(_ name: String, firstMayBeDigit: Bool, rule: String) -> [String] {
        var problems: [String] = []
        if name.count > 63 { problems.append("must be no more than 63 characters") }
        let scalars = Array(name.unicodeScalars)
        func isLower(_ scalar: Unicode.Scalar) -> Bool { ("a"..."z").contains(scalar) }
        func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }
        let valid = !scalars.isEmpty
            && scalars.allSatisfy { isLower($0) || isDigit($0) || $0 == "-" }
            && (isLower(scalars[0]) || (firstMayBeDigit && isDigit(scalars[0])))
            && scalars.last != "-"
        if !valid { problems.append(rule) }
        return problems
    }

    private static func labelIssues(_ labels: JSONValue?) -> [FieldIssue] {
        guard let labels, !labels.isNull else { return [] }
        guard let map = labels.objectValue else {
            return [FieldIssue(reason: "FieldValueTypeInvalid", field: "metadata.labels", message: "Invalid value: \"\(labels.typeName)\": labels must be a map of strings")]
        }
        var issues: [FieldIssue] = []
        for (key, value) in map {
            for problem in KubernetesNames.qualifiedNameProblems(key) {
                issues.append(.invalid("metadata.labels", FieldIssue.quoted(key), problem))
            }
            let text = value.stringValue ?? ""
            for problem in KubernetesNames.labelValueProblems(text) {
                issues.append(.invalid("metadata.labels", FieldIssue.quoted(text), problem))
            }
        }
        return issues
    }

    private static func annotationIssues(_ annotations: JSONValue?) -> [FieldIssue] {
        guard let annotations, !annotations.isNull, let map = annotations.objectValue else { return [] }
        var issues: [FieldIssue] = []
        var size = 0
        for (key, value) in map {
            for problem in KubernetesNames.qualifiedNameProblems(key.lowercased()) {
                issues.append(.invalid("metadata.annotations", FieldIssue.quoted(key), problem))
            }
            size += key.utf8.count + (value.stringValue?.utf8.count ?? 0)
        }
        if size > 256 * 1024 {
            issues.append(FieldIssue(reason: "FieldValueTooLong", field: "metadata.annotations", message: "Too long: may not be more than 262144 bytes"))
        }
        return issues
    }

    private static func finalizerIssues(_ finalizers: JSONValue?) -> [FieldIssue] {
        guard let items = finalizers?.arrayValue else { return [] }
        var issues: [FieldIssue] = []
        for (index, item) in items.enumerated() {
            let text = item.stringValue ?? ""
            let problems = KubernetesNames.qualifiedNameProblems(text)
            if !problems.isEmpty {
                issues.append(.invalid("metadata.finalizers[\(index)]", FieldIssue.quoted(text), problems.joined(separator: "; ")))
            }
        }
        return issues
    }

    /// Drops fields `ObjectMeta` does not have, as decoding into the typed struct does.
    static func pruneUnknownFields(_ object: inout JSONValue) -> [String] {
        guard case .object(var metadata)? = object["metadata"] else { return [] }
        var pruned: [String] = []
        for key in metadata.keys where !knownFields.contains(key) {
            metadata.removeValue(forKey: key)
            pruned.append("metadata.\(key)")
        }
        object["metadata"] = .object(metadata)
        return pruned
    }

    /// `ValidateObjectMetaUpdate`: what an update may not change.
    static func updateIssues(new: JSONValue, old: JSONValue) -> [FieldIssue] {
        var issues: [FieldIssue] = []
        let newUID = new.uid
        if !newUID.isEmpty && newUID != old.uid {
            issues.append(.invalid("metadata.uid", FieldIssue.quoted(newUID), "field is immutable"))
        }
        if old.isTerminating {
            let added = new.finalizers.filter { !old.finalizers.contains($0) }
            if !added.isEmpty {
                let list = added.map { FieldIssue.quoted($0) }.joined(separator: ", ")
                issues.append(.forbidden("metadata.finalizers", "no new finalizers can be added if the object is being deleted, found new finalizers []string{\(list)}"))
            }
        }
        return issues
    }
}
