import Foundation
import KarpenterAPI

/// The object a write produced, and the warnings to send with it.
struct WriteResult: Sendable {
    var object: JSONValue
    var warnings: [String]
}

extension StoreState {
    mutating func create(_ body: JSONValue, type: ResourceType, namespace: String?, dryRun: Bool = false,
                         fieldValidation: FieldValidation = .warn) throws(APIError) -> WriteResult {
        var object = try RequestBody.object(body, of: type)
        try RequestBody.placeInNamespace(&object, type: type, namespace: namespace)
        if let version = object.string(at: "metadata", "resourceVersion"), !version.isEmpty {
            throw .internalError("resourceVersion should not be set on objects to be created")
        }
        if type.namespaced { try requireLiveNamespace(object.metadataNamespace, for: type, name: object.metadataName) }

        for field in ["uid", "selfLink", "generation", "creationTimestamp", "deletionTimestamp",
                      "deletionGracePeriodSeconds", "managedFields"] {
            object.setMetadata(field, nil)
        }
        let generateName = object.string(at: "metadata", "generateName") ?? ""
        if object.metadataName.isEmpty && !generateName.isEmpty {
            object.setMetadata("name", .string(String(generateName.prefix(58)) + NameSuffix.random()))
        }
        Strategy.prepareForCreate(&object, type: type)

        var warnings: [String] = []
        if type.isCustomResource {
            let outcome = try CustomResourceAdmission.admit(object, old: nil, type: type, fieldValidation: fieldValidation)
            object = outcome.object
            object["status"] = nil
            warnings = outcome.warnings
        } else {
            warnings = try pruneMetadata(&object, type: type, fieldValidation: fieldValidation)
            let issues = Strategy.validateCreate(object, type: type)
            if !issues.isEmpty { throw .invalid(type, object.metadataName, issues) }
        }

        object.setMetadata("uid", .string(UUID().uuidString.lowercased()))
        object.setMetadata("creationTimestamp", .string(timestamp))
        if type.tracksGeneration { object.setMetadata("generation", .int(1)) }

        let key = objectName(type, namespace: object.metadataNamespace, name: object.metadataName)
        if stored(type, key) != nil { throw .alreadyExists(type, object.metadataName) }
        if dryRun { return WriteResult(object: type.present(MetadataOrder.normalized(object)), warnings: warnings) }
        return WriteResult(object: write(type, object, .added), warnings: warnings)
    }

    /// Creating in a missing namespace is a 404 for the namespace; in a terminating one, a 403.
    func requireLiveNamespace(_ namespace: String, for type: ResourceType, name: String) throws(APIError) {
        guard let record = stored(.namespaces, ObjectName(namespace: "", name: namespace)) else {
            throw .notFound(.namespaces, namespace)
        }
        if record.isTerminating {
            let problem = "unable to create new content in namespace \(namespace) because it is being terminated"
            throw .forbidden(type, name, problem,
                             causes: [.init(reason: "NamespaceTerminating", message: problem, field: "metadata.namespace")])
        }
    }

    /// Unknown `metadata` fields of built-in kinds: dropped with a warning, or refused when strict.
    func pruneMetadata(_ object: inout JSONValue, type: ResourceType, fieldValidation: FieldValidation) throws(APIError) -> [String] {
        let pruned = MetadataRules.pruneUnknownFields(&object)
        if fieldValidation == .strict && !pruned.isEmpty {
            throw RequestBody.decodeError(type, "strict decoding error: " + pruned.map { "unknown field \"\($0)\"" }.joined(separator: ", "))
        }
        return fieldValidation == .warn ? pruned.map { "unknown field \"\($0)\"" } : []
    }
}

/// Orders `metadata` as `ObjectMeta` serializes, so objects look as the real server returns them.
enum MetadataOrder {
    private static let order = [
        "name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation",
        "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations",
        "ownerReferences", "finalizers", "managedFields",
    ]

    static func normalized(_ object: JSONValue) -> JSONValue {
        guard let metadata = object["metadata"]?.objectValue else { return object }
        var ordered: JSONValue = .object([:])
        for key in order {
            if let value = metadata[key] { ordered[key] = value }
        }
        for (key, value) in metadata where ordered[key] == nil { ordered[key] = value }
        var result = object
        result["metadata"] = ordered
        return result
    }
}
