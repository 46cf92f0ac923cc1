/// Checks `metadata` of a cluster-scoped custom resource as the API server does.
enum MetadataValidator {
    static let knownFields: Set<String> = [
        "name", "generateName", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp",
        "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations", "ownerReferences",
        "finalizers", "managedFields", "selfLink",
    ]

    static func validate(_ metadata: JSONValue?, isCreate: Bool) -> [ValidationIssue] {
        let path = FieldPath(dotted: "metadata")
        guard let metadata else {
            return [.error(.required, path.child("name"), "Required value: name or generateName is required",
                           hint: "add metadata.name")]
        }
        guard let fields = metadata.objectValue else {
            return [.error(.typeInvalid, path, "Invalid value: \"\(metadata.typeName)\": metadata must be an object")]
        }
        var issues: [ValidationIssue] = []
        for key in fields.keys where !knownFields.contains(key) {
            issues.append(.error(.unknownField, path.child(key), "unknown field \"metadata.\(key)\"",
                                 hint: Spelling.closest(to: key, among: Array(knownFields)).map { "did you mean `\($0)`?" } ?? "remove it"))
        }
        let name = fields["name"]?.stringValue ?? ""
        let generateName = fields["generateName"]?.stringValue ?? ""
        if let raw = fields["name"], raw.stringValue == nil, !raw.isNull {
            issues.append(.error(.typeInvalid, path.child("name"), "Invalid value: \"\(raw.typeName)\": name must be a string"))
        } else if name.isEmpty && generateName.isEmpty {
            issues.append(.error(.required, path.child("name"), "Required value: name or generateName is required",
                                 hint: "add metadata.name"))
        } else if !name.isEmpty {
            for problem in KubernetesNames.dns1123SubdomainProblems(name) {
                issues.append(.error(.invalid, path.child("name"), "Invalid value: \"\(name)\": \(problem)",
                                     hint: "use lower-case letters, digits, '-' and '.' only"))
            }
        }
        if let namespace = fields["namespace"]?.stringValue, !namespace.isEmpty {
            issues.append(.warning(.forbidden, path.child("namespace"),
                                   "this kind is cluster-scoped; the namespace \"\(namespace)\" is ignored",
                                   hint: "remove metadata.namespace"))
        }
        issues += validateLabels(fields["labels"], at: path.child("labels"))
        issues += validateAnnotations(fields["annotations"], at: path.child("annotations"))
        return issues
    }

    private static func validateLabels(_ labels: JSONValue?, at path: FieldPath) -> [ValidationIssue] {
        guard let labels, !labels.isNull else { return [] }
        guard let map = labels.objectValue else {
            return [.error(.typeInvalid, path, "Invalid value: \"\(labels.typeName)\": labels must be a map of strings")]
        }
        var issues: [ValidationIssue] = []
        for (key, value) in map {
            for problem in KubernetesNames.qualifiedNameProblems(key) {
                issues.append(.error(.invalid, path, "Invalid value: \"\(key)\": \(problem)"))
            }
            guard let text = value.stringValue else {
                issues.append(.error(.typeInvalid, path.key(key), "Invalid value: \"\(value.typeName)\": label values must be strings",
                                     hint: "quote the value"))
                continue
            }
            for problem in KubernetesNames.labelValueProblems(text) {
                issues.append(.error(.invalid, path, "Invalid value: \"\(text)\": \(problem)"))
            }
        }
        return issues
    }

    private static func validateAnnotations(_ annotations: JSONValue?, at path: FieldPath) -> [ValidationIssue] {
        guard let annotations, !annotations.isNull else { return [] }
        guard let map = annotations.objectValue else {
            return [.error(.typeInvalid, path, "Invalid value: \"\(annotations.typeName)\": annotations must be a map of strings")]
        }
        var issues: [ValidationIssue] = []
        var totalSize = 0
        for (key, value) in map {
            for problem in KubernetesNames.qualifiedNameProblems(key) {
                issues.append(.error(.invalid, path, "Invalid value: \"\(key)\": \(problem)"))
            }
            totalSize += key.utf8.count
            if let text = value.stringValue {
                totalSize += text.utf8.count
            } else {
                issues.append(.error(.typeInvalid, path.key(key), "Invalid value: \"\(value.typeName)\": annotation values must be strings",
                                     hint: "quote the value"))
            }
        }
        if totalSize > 256 * 1024 {
            issues.append(.error(.tooLong, path, "Too long: may not be more than 262144 bytes"))
        }
        return issues
    }
}
