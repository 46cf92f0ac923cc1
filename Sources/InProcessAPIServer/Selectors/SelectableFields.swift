import KarpenterAPI

/// The fields each resource can be selected by, and their values on an object, as the
/// field label conversion functions and `GetAttrs` of the real resources define them.
enum SelectableFields {
    /// Field path -> where its value lives in the object. A nil location means computed.
    private static let podFields: [String: [String]] = [
        "spec.nodeName": ["spec", "nodeName"],
        "spec.restartPolicy": ["spec", "restartPolicy"],
        "spec.schedulerName": ["spec", "schedulerName"],
        "spec.serviceAccountName": ["spec", "serviceAccountName"],
        "status.phase": ["status", "phase"],
        "status.podIP": ["status", "podIP"],
        "status.nominatedNodeName": ["status", "nominatedNodeName"],
    ]

    private static let eventFields: [String: [String]] = [
        "involvedObject.kind": ["involvedObject", "kind"],
        "involvedObject.namespace": ["involvedObject", "namespace"],
        "involvedObject.name": ["involvedObject", "name"],
        "involvedObject.uid": ["involvedObject", "uid"],
        "involvedObject.apiVersion": ["involvedObject", "apiVersion"],
        "involvedObject.resourceVersion": ["involvedObject", "resourceVersion"],
        "involvedObject.fieldPath": ["involvedObject", "fieldPath"],
        "reason": ["reason"],
        "reportingComponent": ["reportingComponent"],
        "source": ["source", "component"],
        "type": ["type"],
    ]

    private static let namespaceFields: [String: [String]] = ["status.phase": ["status", "phase"]]
    private static let secretFields: [String: [String]] = ["type": ["type"]]
    private static let replicaSetFields: [String: [String]] = ["status.replicas": ["status", "replicas"]]

    /// Kinds whose field label conversion rejects unknown labels with `field label not supported`.
    private static func specificFields(_ type: ResourceType) -> [String: [String]]? {
        switch (type.group, type.resource) {
        case ("", "pods"): return podFields
        case ("", "events"): return eventFields
        case ("", "namespaces"): return namespaceFields
        case ("", "secrets"): return secretFields
        case ("", "nodes"): return [:]
        case ("apps", "replicasets"): return replicaSetFields
        default: return type.isCustomResource ? [:] : nil
        }
    }

    static func supports(_ field: String, in type: ResourceType) -> Bool {
        if field == "metadata.name" { return true }
        if field == "metadata.namespace" { return type.namespaced || specificFields(type) == nil }
        if type.group.isEmpty, type.resource == "nodes", field == "spec.unschedulable" { return true }
        if type.group.isEmpty, type.resource == "pods", field == "spec.hostNetwork" || field == "status.podIPs" { return true }
        return specificFields(type)?[field] != nil
    }

    static func unsupportedMessage(_ field: String, in type: ResourceType) -> String {
        if specificFields(type) != nil { return "field label not supported: \(field)" }
        return "\"\(field)\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\""
    }

    /// The selectable field values of an object.
    static func values(of object: JSONValue, type: ResourceType) -> [String: String] {
        var result = ["metadata.name": object.metadataName]
        if type.namespaced { result["metadata.namespace"] = object.metadataNamespace }
        for (field, path) in specificFields(type) ?? [:] {
            result[field] = render(object.value(at: path))
        }
        if type.group.isEmpty, type.resource == "nodes" {
            result["spec.unschedulable"] = object.value(at: ["spec", "unschedulable"])?.boolValue == true ? "true" : "false"
        }
        if type.group.isEmpty, type.resource == "pods" {
            result["spec.hostNetwork"] = object.value(at: ["spec", "hostNetwork"])?.boolValue == true ? "true" : "false"
            result["spec.restartPolicy"] = result["spec.restartPolicy"] ?? ""
            let ips = object.value(at: ["status", "podIPs"])?.arrayValue?.compactMap { $0["ip"]?.stringValue } ?? []
            result["status.podIPs"] = ips.joined(separator: ",")
        }
        return result
    }

    private static func render(_ value: JSONValue?) -> String {
        switch value {
        case .string(let text): return text
        case .number(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        default: return ""
        }
    }
}
