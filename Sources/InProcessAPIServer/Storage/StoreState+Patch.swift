import KarpenterAPI

extension StoreState {
    /// The patch types served for a resource (strategic merge only for built-in kinds;
    /// server-side apply is not implemented).
    static func acceptedPatchTypes(for type: ResourceType) -> [PatchType] {
        type.isCustomResource ? [.json, .merge] : [.json, .merge, .strategicMerge]
    }

    /// PATCH of the main resource or `/status`: the patch is applied to the stored object and
    /// the result goes through the update path, so a resourceVersion in the patch is
    /// conflict-checked and every update rule applies.
    mutating func patch(_ type: ResourceType, namespace: String?, name: String, patch: JSONValue, patchType: PatchType,
                        status: Bool = false, dryRun: Bool = false,
                        fieldValidation: FieldValidation = .warn) throws(APIError) -> WriteResult {
        let accepted = Self.acceptedPatchTypes(for: type)
        guard accepted.contains(patchType) else {
            throw .unsupportedMediaType(accepted.map(\.rawValue))
        }
        guard let stored = stored(type, objectName(type, namespace: namespace, name: name)) else {
            throw .notFound(type, name)
        }
        let current = type.present(stored)
        let patched: JSONValue
        switch patchType {
        case .merge:
            guard patch.objectValue != nil else {
                throw .badRequest("json: cannot unmarshal \(patch.typeName) into Go value of type map[string]interface {}")
            }
            patched = MergePatch.apply(patch, to: current)
        case .json:
            patched = try JSONPatch.apply(patch, to: current)
        case .strategicMerge:
            patched = try StrategicMergePatch.apply(patch, to: current, kind: type.kind)
        case .apply:
            throw .unsupportedMediaType(accepted.map(\.rawValue))
        }
        var object = try RequestBody.object(patched, of: type)
        try RequestBody.checkName(&object, matches: name)
        try RequestBody.placeInNamespace(&object, type: type, namespace: namespace)
        return try replace(current, with: object, type: type, status: status, dryRun: dryRun, fieldValidation: fieldValidation)
    }
}
