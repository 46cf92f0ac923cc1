/// Validates and defaults NodePools, NodeClaims and AKSNodeClasses exactly as the API server
/// does with our CRDs installed, then adds warnings for likely mistakes. Pure: the same call
/// serves `kubectl karpenter validate`, the admission webhook and the controller.
public enum Admission {
    /// - Parameters:
    ///   - object: the object as submitted.
    ///   - oldObject: the stored object on update (enables the update rules), nil on create.
    ///   - knownValues: label values that can exist, for "no SKU has this value" warnings.
    public static func review(_ object: JSONValue, oldObject: JSONValue? = nil,
                              knownValues: KnownLabelValues = .azureDefaults) -> AdmissionResult {
        let apiVersion = object["apiVersion"]?.stringValue ?? ""
        let kind = object["kind"]?.stringValue ?? ""
        let name = object["metadata"]?["name"]?.stringValue ?? object["metadata"]?["generateName"]?.stringValue ?? ""
        var result = AdmissionResult(apiVersion: apiVersion, kind: kind, name: name, defaulted: object, issues: [])

        guard object.objectValue != nil else {
            result.issues.append(.error(.typeInvalid, .root, "Invalid value: \"\(object.typeName)\": an object must be a mapping with apiVersion, kind and metadata"))
            return result
        }
        if apiVersion.isEmpty || kind.isEmpty {
            let missing = apiVersion.isEmpty ? "apiVersion" : "kind"
            result.issues.append(.error(.required, FieldPath(dotted: missing), "Required value: every object needs apiVersion and kind",
                                        hint: "add `\(missing):` at the top of the document"))
            return result
        }
        guard SchemaRegistry.ownsKind(apiVersion: apiVersion, kind: kind) else { return result }
        guard let schema = SchemaRegistry.schema(apiVersion: apiVersion, kind: kind) else {
            let served = SchemaRegistry.all.filter { $0.kind == kind }.map { "\($0.group)/\($0.version)" }
            result.issues.append(.error(.notSupported, FieldPath(dotted: "apiVersion"),
                                        "Unsupported value: \"\(apiVersion)\": no \(kind) is served at this version",
                                        hint: "use apiVersion \(served.first ?? "")"))
            return result
        }

        // Status is owned by the status subresource: the API server ignores it on create and update.
        var submitted = object
        let status = submitted["status"]
        submitted["status"] = nil
        var defaulted = SchemaDefaulter.apply(schema.root, to: submitted)
        var structural = StructuralValidator()
        var rootFields = defaulted
        rootFields["metadata"] = nil
        structural.validate(rootFields, schema.root, at: .root)
        var issues = MetadataValidator.validate(object["metadata"], isCreate: oldObject == nil)
        issues += structural.issues

        if issues.allSatisfy({ $0.severity != .error }) {
            var rules = RuleValidator()
            let oldDefaulted = oldObject.map { SchemaDefaulter.apply(schema.root, to: $0) }
            rules.validate(defaulted, old: oldDefaulted, schema.root, at: .root)
            issues += rules.issues
        }
        if issues.allSatisfy({ $0.severity != .error }) {
            issues += SemanticWarnings.review(defaulted, schema: schema, knownValues: knownValues)
        }
        if let status { defaulted["status"] = status }
        result.defaulted = defaulted
        result.issues = issues
        return result
    }
}
