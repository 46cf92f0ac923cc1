import KarpenterAPI
import OrderedCollections

/// A minimal OpenAPI v3 discovery: one document per group/version whose PATCH operations name
/// their kind (`x-kubernetes-group-version-kind`) and take `fieldValidation`. kubectl reads it to
/// learn that the server validates fields itself, so `kubectl create/apply` work without
/// `--validate=false`. The schemas carry no properties: clients use their compiled-in types.
enum OpenAPIDocuments {
    static let hash = "inprocess"

    static func root() -> JSONValue {
        var paths = OrderedDictionary<String, JSONValue>()
        for (group, version) in groupVersions() {
            let path = group.isEmpty ? "api/\(version)" : "apis/\(group)/\(version)"
            paths[path] = .object(["serverRelativeURL": .string("/openapi/v3/\(path)?hash=\(hash)")])
        }
        return .object(["paths": .object(paths)])
    }

    /// The document of one group/version, or nil when it is not served.
    static func groupVersion(group: String, version: String) -> JSONValue? {
        let types = ResourceType.all.filter { $0.group == group && $0.version == version }
        guard !types.isEmpty else { return nil }
        var schemas = OrderedDictionary<String, JSONValue>()
        var paths = OrderedDictionary<String, JSONValue>()
        for type in types {
            paths[objectPath(type)] = .object(["patch": patchOperation(type)])
            schemas[schemaName(type)] = .object([
                "type": .string("object"),
                "x-kubernetes-group-version-kind": .array([.object([
                    "group": .string(type.group), "kind": .string(type.kind), "version": .string(type.version),
                ])]),
            ])
        }
        return .object([
            "openapi": .string("3.0.0"),
            "info": .object(["title": .string("Kubernetes"), "version": .string("v1.32.0")]),
            "paths": .object(paths),
            "components": .object(["schemas": .object(schemas)]),
        ])
    }

    private static func objectPath(_ type: ResourceType) -> String {
        let prefix = type.group.isEmpty ? "/api/\(type.version)" : "/apis/\(type.group)/\(type.version)"
        return prefix + (type.namespaced ? "/namespaces/{namespace}" : "") + "/\(type.resource)/{name}"
    }

    private static func patchOperation(_ type: ResourceType) -> JSONValue {
        let parameters = ["dryRun", "fieldManager", "fieldValidation", "force"].map { name -> JSONValue in
            .object(["name": .string(name), "in": .string("query"), "schema": .object(["type": .string("string"), "uniqueItems": .bool(true)])])
        }
        return .object([
            "operationId": .string("patch\(type.kind)"),
            "parameters": .array(parameters),
            "x-kubernetes-action": .string("patch"),
            "x-kubernetes-group-version-kind": .object([
                "group": .string(type.group), "version": .string(type.version), "kind": .string(type.kind),
            ]),
        ])
    }

    private static func groupVersions() -> [(String, String)] {
        var seen: [(String, String)] = []
        for type in ResourceType.all where !seen.contains(where: { $0 == (type.group, type.version) }) {
            seen.append((type.group, type.version))
        }
        return seen
    }

    /// `io.k8s.api.core.v1.Pod`, `sh.karpenter.v1.NodePool`, as the real documents name them.
    private static func schemaName(_ type: ResourceType) -> String {
        if type.isCustomResource {
            let reversed = type.group.split(separator: ".").reversed().joined(separator: ".")
            return "\(reversed).\(type.version).\(type.kind)"
        }
        let group = type.group.isEmpty ? "core" : (type.group.split(separator: ".").first.map(String.init) ?? type.group)
        return "io.k8s.api.\(group).\(type.version).\(type.kind)"
    }
}
