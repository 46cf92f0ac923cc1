import KarpenterAPI

/// How unknown fields in a request are treated (`?fieldValidation=`).
enum FieldValidation: String, Sendable {
    case ignore = "Ignore"
    case warn = "Warn"
    case strict = "Strict"
}

/// What the API server does with a custom resource on create and update, in its order:
/// prune unknown fields, apply schema defaults, check the OpenAPI keywords, run the CEL
/// rules (transition rules against the stored object). The semantic warnings of the
/// admission core are deliberately not used: the real server has no such thing.
enum CustomResourceAdmission {
    struct Outcome {
        var object: JSONValue
        var warnings: [String]
    }

    static func admit(_ object: JSONValue, old: JSONValue?, type: ResourceType,
                      fieldValidation: FieldValidation) throws(APIError) -> Outcome {
        guard let schema = SchemaRegistry.schema(apiVersion: type.apiVersion, kind: type.kind) else {
            return Outcome(object: object, warnings: [])
        }
        var pruned: [String] = []
        var candidate = SchemaPruner.prune(object, schema.root, at: .root, pruned: &pruned)
        pruned += MetadataRules.pruneUnknownFields(&candidate)
        if fieldValidation == .strict && !pruned.isEmpty {
            let fields = pruned.map { "unknown field \"\($0)\"" }.joined(separator: ", ")
            throw RequestBody.decodeError(type, "strict decoding error: \(fields)")
        }
        let result = Admission.review(candidate, oldObject: old)
        let errors = result.errors
        if !errors.isEmpty {
            throw .invalid(type, object.metadataName, errors.map(fieldIssue))
        }
        let warnings = fieldValidation == .warn ? pruned.map { "unknown field \"\($0)\"" } : []
        return Outcome(object: result.defaulted, warnings: warnings)
    }

    /// A status write: the status is pruned and defaulted like the rest of the object.
    static func admitStatus(_ object: JSONValue, type: ResourceType) -> JSONValue {
        guard let schema = SchemaRegistry.schema(apiVersion: type.apiVersion, kind: type.kind),
              let statusSchema = schema.root.properties["status"], let status = object["status"] else { return object }
        var pruned: [String] = []
        var result = object
        let cleaned = SchemaPruner.prune(status, statusSchema, at: FieldPath(dotted: "status"), pruned: &pruned)
        result["status"] = SchemaDefaulter.apply(statusSchema, to: cleaned)
        return result
    }

    private static func fieldIssue(_ issue: ValidationIssue) -> FieldIssue {
        let reason: String
        switch issue.reason {
        case .ruleFailed, .immutable: reason = ValidationIssue.Reason.invalid.rawValue
        default: reason = issue.reason.rawValue
        }
        return FieldIssue(reason: reason, field: issue.path.isRoot ? "<nil>" : issue.path.description, message: issue.message)
    }
}

/// Drops the fields a structural schema does not declare, recording their paths.
enum SchemaPruner {
    static func prune(_ value: JSONValue, _ schema: SchemaNode, at path: FieldPath, pruned: inout [String]) -> JSONValue {
        switch value {
        case .object(var fields):
            if schema.hasFixedFields {
                for key in fields.keys {
                    guard let entry = fields[key] else { continue }
                    if let child = schema.properties[key] {
                        fields[key] = prune(entry, child, at: path.child(key), pruned: &pruned)
                    } else if !schema.preserveUnknownFields {
                        fields.removeValue(forKey: key)
                        pruned.append(path.child(key).description)
                    }
                }
            } else if let valueSchema = schema.mapValues {
                for key in fields.keys {
                    guard let entry = fields[key] else { continue }
                    fields[key] = prune(entry, valueSchema, at: path.key(key), pruned: &pruned)
                }
            }
            return .object(fields)
        case .array(let items):
            guard let itemSchema = schema.items else { return value }
            return .array(items.enumerated().map { prune($1, itemSchema, at: path.index($0), pruned: &pruned) })
        default:
            return value
        }
    }
}
