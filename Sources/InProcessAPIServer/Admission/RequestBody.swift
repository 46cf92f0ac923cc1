import KarpenterAPI

/// The checks the REST handlers make on a request body before any strategy runs: it is an
/// object of the URL's kind and version, in the URL's namespace, with the URL's name.
enum RequestBody {
    /// `<data kind> in version "<version>" cannot be handled as a <kind>: <problem>`.
    static func decodeError(_ type: ResourceType, _ problem: String, dataKind: String? = nil) -> APIError {
        .badRequest("\(dataKind ?? type.kind) in version \"\(type.version)\" cannot be handled as a \(type.kind): \(problem)")
    }

    /// The body as an object of `type`, with `apiVersion` and `kind` filled in.
    static func object(_ body: JSONValue, of type: ResourceType) throws(APIError) -> JSONValue {
        guard body.objectValue != nil else {
            throw decodeError(type, "json: cannot unmarshal \(body.typeName) into Go value of type struct { APIVersion string \"json:\\\"apiVersion,omitempty\\\"\"; Kind string \"json:\\\"kind,omitempty\\\"\" }")
        }
        let apiVersion = body["apiVersion"]?.stringValue ?? ""
        let kind = body["kind"]?.stringValue ?? ""
        if type.isCustomResource {
            if kind.isEmpty {
                throw .badRequest("Object 'Kind' is missing in '\(JSONWriter.string(body))'")
            }
            if apiVersion.isEmpty {
                throw .badRequest("Object 'apiVersion' is missing in '\(JSONWriter.string(body))'")
            }
        }
        if !apiVersion.isEmpty && apiVersion != type.apiVersion {
            throw .badRequest("the API version in the data (\(apiVersion)) does not match the expected API version (\(type.apiVersion))")
        }
        if !kind.isEmpty && kind != type.kind {
            if ResourceType.lookup(apiVersion: type.apiVersion, kind: kind) != nil {
                let internalGroup = type.group.isEmpty ? "core" : type.group
                throw decodeError(type, "converting (\(type.version).\(kind)) to (\(internalGroup).\(type.kind)): unknown conversion", dataKind: kind)
            }
            throw decodeError(type, "no kind \"\(kind)\" is registered for version \"\(type.apiVersion)\" in scheme \"pkg/runtime/scheme.go:100\"", dataKind: kind)
        }
        if let metadata = body["metadata"], !metadata.isNull, metadata.objectValue == nil {
            throw decodeError(type, "json: cannot unmarshal \(metadata.typeName) into Go struct field \(type.kind).metadata of type v1.ObjectMeta")
        }
        if let problem = ObjectMetaShape.problem(body["metadata"]) {
            throw decodeError(type, problem)
        }
        return type.present(body)
    }

    /// Applies the URL's namespace: a different one in the body is refused, a missing one filled in.
    static func placeInNamespace(_ object: inout JSONValue, type: ResourceType, namespace: String?) throws(APIError) {
        guard type.namespaced else {
            object.setMetadata("namespace", nil)
            return
        }
        let given = object.metadataNamespace
        let target = namespace ?? given
        if !given.isEmpty && given != target {
            throw .badRequest("the namespace of the provided object does not match the namespace sent on the request")
        }
        if target.isEmpty {
            throw .invalid(type, object.metadataName, [.required("metadata.namespace")])
        }
        object.setMetadata("namespace", .string(target))
    }

    /// An update names its object in the URL and the body alike (an empty name takes the URL's).
    static func checkName(_ object: inout JSONValue, matches name: String) throws(APIError) {
        let given = object.metadataName
        if given.isEmpty {
            object.setMetadata("name", .string(name))
        } else if given != name {
            throw .badRequest("the name of the object (\(given)) does not match the name on the URL (\(name))")
        }
    }
}
