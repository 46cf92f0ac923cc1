import KarpenterAPI

extension StoreState {
    /// PUT of the main resource (`status: false`) or of `/status`.
    mutating func update(_ body: JSONValue, type: ResourceType, namespace: String?, name: String, status: Bool = false,
                         dryRun: Bool = false, fieldValidation: FieldValidation = .warn) throws(APIError) -> WriteResult {
        var object = try RequestBody.object(body, of: type)
        try RequestBody.checkName(&object, matches: name)
        try RequestBody.placeInNamespace(&object, type: type, namespace: namespace)
        let key = objectName(type, namespace: object.metadataNamespace, name: name)
        guard let old = stored(type, key) else {
            if type.allowsCreateOnUpdate && !status {
                object.setMetadata("resourceVersion", nil)
                return try create(object, type: type, namespace: namespace, dryRun: dryRun, fieldValidation: fieldValidation)
            }
            throw .notFound(type, name)
        }
        return try replace(type.present(old), with: object, type: type, status: status, dryRun: dryRun, fieldValidation: fieldValidation)
    }

    /// Replaces a stored object with a new version, as the registry store's update does:
    /// optimistic concurrency, the strategy's rules, admission, generation, no-op detection,
    /// and deletion when the last finalizer of a deleted object goes.
    mutating func replace(_ old: JSONValue, with object: JSONValue, type: ResourceType, status: Bool,
                          dryRun: Bool, fieldValidation: FieldValidation) throws(APIError) -> WriteResult {
        let name = old.metadataName
        let currentVersion = old.string(at: "metadata", "resourceVersion") ?? ""
        let requestedVersion = object.string(at: "metadata", "resourceVersion") ?? ""
        if !requestedVersion.isEmpty && requestedVersion != currentVersion {
            throw .conflict(type, name)
        }

        var candidate: JSONValue
        var warnings: [String] = []
        if status {
            candidate = Strategy.prepareForStatusUpdate(object, old: old)
            if type.isCustomResource { candidate = CustomResourceAdmission.admitStatus(candidate, type: type) }
        } else {
            candidate = object
            Strategy.prepareForUpdate(&candidate, old: old, type: type)
            if !type.isCustomResource {
                warnings = try pruneMetadata(&candidate, type: type, fieldValidation: fieldValidation)
            }
            let issues = Strategy.validateUpdate(candidate, old: old, type: type)
            if !issues.isEmpty { throw .invalid(type, name, issues) }
            if type.isCustomResource {
                let outcome = try CustomResourceAdmission.admit(candidate, old: old, type: type, fieldValidation: fieldValidation)
                candidate = outcome.object
                candidate["status"] = old["status"]
                warnings = outcome.warnings
            }
        }
        for field in ["uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation", "selfLink"] {
            candidate.setMetadata(field, old.value(at: ["metadata", field]))
        }
        candidate.setMetadata("namespace", old.value(at: ["metadata", "namespace"]))
        candidate.setMetadata("resourceVersion", .string(currentVersion))
        if type.tracksGeneration && !Self.sameSpec(candidate, old) {
            let generation = old.value(at: ["metadata", "generation"])?.integerValue ?? 0
            candidate.setMetadata("generation", .int(generation + 1))
        }
        candidate = MetadataOrder.normalized(type.present(candidate))

        // An update that changes nothing is not written: no new resourceVersion, no event.
        if candidate.isEquivalent(to: old) { return WriteResult(object: old, warnings: warnings) }
        if dryRun { return WriteResult(object: candidate, warnings: warnings) }
        if candidate.isTerminating && candidate.finalizers.isEmpty && Self.deletesWhenFinalized(candidate, type: type) {
            return WriteResult(object: remove(type, candidate), warnings: warnings)
        }
        return WriteResult(object: write(type, candidate, .modified), warnings: warnings)
    }

    /// True when nothing but metadata and status differ (generation stays).
    static func sameSpec(_ new: JSONValue, _ old: JSONValue) -> Bool {
        var left = new
        var right = old
        for key in ["metadata", "status", "apiVersion", "kind"] {
            left[key] = nil
            right[key] = nil
        }
        return left.isEquivalent(to: right)
    }

    /// An object whose last finalizer was removed vanishes when its deletion is not a graceful
    /// one in progress (a bound pod waits for the kubelet's final delete).
    static func deletesWhenFinalized(_ object: JSONValue, type: ResourceType) -> Bool {
        if object.value(at: ["metadata", "deletionGracePeriodSeconds"])?.integerValue == 0 { return true }
        if type == .pods {
            let phase = object.string(at: "status", "phase")
            return phase == "Succeeded" || phase == "Failed"
        }
        return false
    }
}
