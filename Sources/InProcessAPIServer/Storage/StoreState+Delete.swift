import Foundation
import KarpenterAPI

extension StoreState {
    static let orphanFinalizer = "orphan"
    static let foregroundFinalizer = "foregroundDeletion"
    /// Namespaces the API server refuses to delete.
    static let protectedNamespaces: Set<String> = ["default", "kube-system", "kube-public"]

    mutating func delete(_ type: ResourceType, namespace: String?, name: String, options: DeleteOptions) throws(APIError) -> DeleteOutcome {
        guard let existing = stored(type, objectName(type, namespace: namespace, name: name)) else {
            throw .notFound(type, name)
        }
        if let uid = options.preconditionUID, uid != existing.uid {
            throw .conflict(type, name, because: "Precondition failed: UID in precondition: \(uid), UID in object meta: \(existing.uid)")
        }
        let version = existing.string(at: "metadata", "resourceVersion") ?? ""
        if let wanted = options.preconditionResourceVersion, wanted != version {
            throw .conflict(type, name, because: "Precondition failed: ResourceVersion in precondition: \(wanted), ResourceVersion in object meta: \(version)")
        }
        if type == .namespaces && Self.protectedNamespaces.contains(name) {
            throw .forbidden(type, name, "this namespace may not be deleted")
        }
        return performDelete(type, type.present(existing), options: options)
    }

    /// The registry's delete: graceful termination for bound pods, finalizers (including the
    /// ones the propagation policy adds) keep the object with a deletionTimestamp, anything
    /// else goes at once and the garbage collector follows its ownerReferences.
    mutating func performDelete(_ type: ResourceType, _ existing: JSONValue, options: DeleteOptions) -> DeleteOutcome {
        let grace = gracePeriod(for: existing, type: type, requested: options.gracePeriodSeconds)
        if existing.isTerminating {
            return shortenGracePeriod(type, existing, to: grace, dryRun: options.dryRun)
        }
        var object = existing
        var finalizers = object.finalizers
        switch options.propagationPolicy ?? .background {
        case .orphan:
            finalizers.removeAll { $0 == Self.foregroundFinalizer }
            if !finalizers.contains(Self.orphanFinalizer) { finalizers.append(Self.orphanFinalizer) }
        case .foreground:
            finalizers.removeAll { $0 == Self.orphanFinalizer }
            if !finalizers.contains(Self.foregroundFinalizer) { finalizers.append(Self.foregroundFinalizer) }
        case .background:
            break
        }
        if type == .namespaces {
            object["status"] = .object(["phase": .string("Terminating")])
        }
        if finalizers.isEmpty && grace == 0 && type != .namespaces {
            if options.dryRun { return .deleted(existing) }
            return .deleted(remove(type, object))
        }
        object.setMetadata("deletionTimestamp", .string(Timestamps.format(now.addingTimeInterval(TimeInterval(grace)))))
        object.setMetadata("deletionGracePeriodSeconds", .int(grace))
        object.setMetadata("finalizers", finalizers.isEmpty ? nil : .array(finalizers.map(JSONValue.string)))
        // Starting deletion changes what controllers must do: objects with a generation get a new one.
        if let generation = object.value(at: ["metadata", "generation"])?.integerValue, generation > 0 {
            object.setMetadata("generation", .int(generation + 1))
        }
        if options.dryRun { return .pending(MetadataOrder.normalized(object)) }
        let marked = write(type, object, .modified)
        let key = ObjectName(namespace: type.namespaced ? marked.metadataNamespace : "", name: marked.metadataName)
        if type == .namespaces {
            emptyNamespace(marked.metadataName)
        } else {
            collectGarbage(forDeleting: type, key)
        }
        return stored(type, key) == nil ? .deleted(marked) : .pending(marked)
    }

    /// Seconds of graceful termination: only pods on a node have any.
    private func gracePeriod(for object: JSONValue, type: ResourceType, requested: Int64?) -> Int64 {
        guard type == .pods else { return 0 }
        var period = requested ?? object.value(at: ["spec", "terminationGracePeriodSeconds"])?.integerValue ?? 30
        if (object.string(at: "spec", "nodeName") ?? "").isEmpty { period = 0 }
        let phase = object.string(at: "status", "phase")
        if phase == "Succeeded" || phase == "Failed" { period = 0 }
        // A century bounds the deletionTimestamp arithmetic; no grace period is that long.
        return min(max(0, period), 3_153_600_000)
    }

    /// A second delete of a terminating object may only shorten its grace period.
    private mutating func shortenGracePeriod(_ type: ResourceType, _ existing: JSONValue, to grace: Int64, dryRun: Bool) -> DeleteOutcome {
        let current = existing.value(at: ["metadata", "deletionGracePeriodSeconds"])?.integerValue ?? 0
        guard type == .pods, grace < current else { return .pending(existing) }
        if grace == 0 && existing.finalizers.isEmpty {
            if dryRun { return .deleted(existing) }
            return .deleted(remove(type, existing))
        }
        var object = existing
        object.setMetadata("deletionTimestamp", .string(Timestamps.format(now.addingTimeInterval(TimeInterval(grace)))))
        object.setMetadata("deletionGracePeriodSeconds", .int(grace))
        if dryRun { return .pending(object) }
        return .pending(write(type, object, .modified))
    }

    /// Removes an object for good and lets the garbage collector react.
    @discardableResult
    mutating func remove(_ type: ResourceType, _ object: JSONValue) -> JSONValue {
        let final = write(type, object, .deleted)
        collectGarbage(afterRemoving: final)
        return final
    }

    /// DELETE on a collection: every selected object, as the list of what was deleted.
    mutating func deleteCollection(_ type: ResourceType, namespace: String?, listOptions: ListOptions,
                                   options: DeleteOptions) throws(APIError) -> [JSONValue] {
        let selected = try list(type, namespace: namespace, options: ListOptions(
            labelSelector: listOptions.labelSelector, fieldSelector: listOptions.fieldSelector))
        var deleted: [JSONValue] = []
        for object in selected.items {
            deleted.append(performDelete(type, object, options: options).object)
        }
        return deleted
    }

    /// The namespace controller: delete everything in a terminating namespace.
    private mutating func emptyNamespace(_ namespace: String) {
        for type in ResourceType.storedResources where type.namespaced {
            for object in sorted(type, namespace: namespace) where !object.isTerminating {
                _ = performDelete(type, type.present(object), options: DeleteOptions())
            }
        }
        namespacesToFinalize.insert(namespace)
    }

    /// Removes a terminating namespace once nothing is left in it.
    mutating func finalizeNamespaceIfEmpty(_ namespace: String) {
        let key = ObjectName(namespace: "", name: namespace)
        guard let record = stored(.namespaces, key), record.isTerminating, record.finalizers.isEmpty else { return }
        for type in ResourceType.storedResources where type.namespaced {
            if all(type).keys.contains(where: { $0.namespace == namespace }) { return }
        }
        remove(.namespaces, record)
    }
}

extension ResourceType {
    /// One served version per stored resource.
    static let storedResources: [ResourceType] = {
        var seen = Set<String>()
        return all.filter { seen.insert($0.storageKey).inserted }
    }()
}
