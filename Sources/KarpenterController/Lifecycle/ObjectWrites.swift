import KarpenterAPI
import KubeClient

/// The few writes the reconcilers make, as merge patches so fields this controller does not
/// know survive. Metadata patches carry the resourceVersion they were computed from: a
/// concurrent change answers 409 and the reconcile runs again on fresh data.
struct ObjectWrites: Sendable {
    let client: KubernetesClient

    /// - Parameter precondition: false for changes that are right whatever happened meanwhile
    ///   (labels learned from a launch that must not be lost to a conflict).
    func patchMetadata(_ resource: APIResource, _ object: JSONValue, _ fields: [String: JSONValue],
                       precondition: Bool = true) async throws(KubeClientError) -> JSONValue {
        var metadata: [(String, JSONValue)] = fields.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        if precondition, let version = object.resourceVersion { metadata.append(("resourceVersion", .string(version))) }
        let patch = JSONValue.object(["metadata": .object(.init(uniqueKeysWithValues: metadata))])
        return try await client.patch(resource, name: object.name, namespace: object.namespace, .merge(patch))
    }

    func patch(_ resource: APIResource, _ object: JSONValue, spec: [String: JSONValue], metadata: [String: JSONValue]) async throws(KubeClientError) -> JSONValue {
        var metadataFields: [(String, JSONValue)] = metadata.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        if let version = object.resourceVersion { metadataFields.append(("resourceVersion", .string(version))) }
        let specFields: [(String, JSONValue)] = spec.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        let patch = JSONValue.object(["metadata": .object(.init(uniqueKeysWithValues: metadataFields)),
                                      "spec": .object(.init(uniqueKeysWithValues: specFields))])
        return try await client.patch(resource, name: object.name, namespace: object.namespace, .merge(patch))
    }

    func patchStatus(_ resource: APIResource, _ object: JSONValue, _ status: [String: JSONValue]) async throws(KubeClientError) -> JSONValue {
        let fields: [(String, JSONValue)] = status.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        let patch = JSONValue.object(["status": .object(.init(uniqueKeysWithValues: fields))])
        return try await client.patch(resource, name: object.name, namespace: object.namespace, .merge(patch), subresource: "status")
    }

    func finalizers(of object: JSONValue) -> [String] {
        object["metadata"]?["finalizers"]?.arrayValue?.compactMap(\.stringValue) ?? []
    }

    func setFinalizers(_ resource: APIResource, _ object: JSONValue, _ finalizers: [String]) async throws(KubeClientError) -> JSONValue {
        try await patchMetadata(resource, object, ["finalizers": finalizers.isEmpty ? .null : .array(finalizers.map { .string($0) })])
    }

    /// Deletes; an object already gone is not an error.
    func delete(_ resource: APIResource, _ object: JSONValue) async throws(KubeClientError) {
        do {
            _ = try await client.delete(resource, name: object.name, namespace: object.namespace)
        } catch let error where error.status?.isNotFound == true {
            return
        }
    }
}
