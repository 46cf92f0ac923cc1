import KarpenterAPI

extension StoreState {
    /// `pods/binding`: assigns an unbound pod to a node, as the scheduler does.
    mutating func bind(namespace: String, podName: String, body: JSONValue) throws(APIError) {
        guard body.objectValue != nil, (body["kind"]?.stringValue ?? "Binding") == "Binding" else {
            throw .badRequest("the body of a binding must be a Binding object")
        }
        if !body.metadataName.isEmpty && body.metadataName != podName {
            throw .badRequest("the name of the object (\(body.metadataName)) does not match the name on the URL (\(podName))")
        }
        let target = body["target"]?["name"]?.stringValue ?? ""
        let targetKind = body["target"]?["kind"]?.stringValue ?? ""
        if target.isEmpty || !(targetKind.isEmpty || targetKind == "Node") {
            let issue: FieldIssue = target.isEmpty
                ? .required("target.name")
                : FieldIssue(reason: "FieldValueNotSupported", field: "target.kind", message: "Unsupported value: \(FieldIssue.quoted(targetKind)): supported values: \"Node\", \"\"")
            throw APIError.invalid(ResourceType(group: "", version: "v1", resource: "bindings", kind: "Binding", namespaced: true),
                                   podName, [issue])
        }
        guard var pod = stored(.pods, ObjectName(namespace: namespace, name: podName)) else {
            throw .notFound(.pods, podName)
        }
        if pod.isTerminating {
            throw .conflict(.pods, podName, subresource: "binding", because: "pod \(podName) is being deleted, cannot be assigned to a host")
        }
        let current = pod.string(at: "spec", "nodeName") ?? ""
        if !current.isEmpty {
            throw .conflict(.pods, podName, subresource: "binding", because: "pod \(podName) is already assigned to node \(FieldIssue.quoted(current))")
        }
        pod.set(["spec", "nodeName"], .string(target))
        for (key, value) in body.value(at: ["metadata", "annotations"])?.objectValue ?? [:] {
            pod.set(["metadata", "annotations", key], value)
        }
        var conditions = (pod.value(at: ["status", "conditions"])?.arrayValue ?? []).filter { $0["type"]?.stringValue != "PodScheduled" }
        conditions.append(.object([
            "type": .string("PodScheduled"), "status": .string("True"), "lastProbeTime": .null,
            "lastTransitionTime": .string(timestamp),
        ]))
        pod.set(["status", "conditions"], .array(conditions))
        write(.pods, pod, .modified)
    }
}
