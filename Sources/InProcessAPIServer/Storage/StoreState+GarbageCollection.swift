import KarpenterAPI

/// The garbage collector, run synchronously after the write that gives it work: dependents
/// (objects whose ownerReferences name an owner's uid) are deleted when their last owner is
/// gone, orphaned when the owner was deleted with `Orphan`, and deleted first when the
/// owner was deleted with `Foreground`.
extension StoreState {
    private struct Located {
        var type: ResourceType
        var object: JSONValue
        var key: ObjectName { ObjectName(namespace: type.namespaced ? object.metadataNamespace : "", name: object.metadataName) }
    }

    /// After an owner got its deletionTimestamp with the orphan or foreground finalizer.
    mutating func collectGarbage(forDeleting type: ResourceType, _ key: ObjectName) {
        guard let owner = stored(type, key) else { return }
        let finalizers = owner.finalizers
        if finalizers.contains(Self.orphanFinalizer) {
            for dependent in dependents(of: owner, type: type) {
                dropOwnerReference(owner.uid, from: dependent)
            }
            removeFinalizer(Self.orphanFinalizer, type: type, key: key)
        }
        if finalizers.contains(Self.foregroundFinalizer) {
            for dependent in dependents(of: owner, type: type) where !dependent.object.isTerminating {
                _ = performDelete(dependent.type, dependent.type.present(dependent.object),
                                  options: DeleteOptions(propagationPolicy: .foreground))
            }
            completeForegroundDeletion(type: type, key: key)
        }
    }

    /// After an object was removed: its dependents lose it, and owners waiting for it may go.
    mutating func collectGarbage(afterRemoving object: JSONValue) {
        let uid = object.uid
        guard !uid.isEmpty, let type = storedType(of: object) else { return }
        for dependent in dependents(of: object, type: type) {
            let otherOwners = dependent.object.ownerReferences.filter { reference in
                let ownerUID = reference["uid"]?.stringValue ?? ""
                return ownerUID != uid && locate(uid: ownerUID) != nil
            }
            if otherOwners.isEmpty {
                if !dependent.object.isTerminating {
                    _ = performDelete(dependent.type, dependent.type.present(dependent.object),
                                      options: DeleteOptions(propagationPolicy: .background))
                }
            } else {
                dropOwnerReference(uid, from: dependent)
            }
        }
        for reference in object.ownerReferences {
            guard let ownerUID = reference["uid"]?.stringValue, let owner = locate(uid: ownerUID),
                  owner.object.finalizers.contains(Self.foregroundFinalizer) else { continue }
            completeForegroundDeletion(type: owner.type, key: owner.key)
        }
    }

    /// Removes the foreground finalizer once no dependent blocks the owner's deletion.
    private mutating func completeForegroundDeletion(type: ResourceType, key: ObjectName) {
        guard let owner = stored(type, key), owner.finalizers.contains(Self.foregroundFinalizer) else { return }
        let blocking = dependents(of: owner, type: type).filter { dependent in
            dependent.object.ownerReferences.contains { reference in
                reference["uid"]?.stringValue == owner.uid && reference["blockOwnerDeletion"]?.boolValue == true
            }
        }
        if blocking.isEmpty { removeFinalizer(Self.foregroundFinalizer, type: type, key: key) }
    }

    private mutating func removeFinalizer(_ finalizer: String, type: ResourceType, key: ObjectName) {
        guard var object = stored(type, key) else { return }
        let remaining = object.finalizers.filter { $0 != finalizer }
        object.setMetadata("finalizers", remaining.isEmpty ? nil : .array(remaining.map(JSONValue.string)))
        if remaining.isEmpty && object.isTerminating && Self.deletesWhenFinalized(object, type: type) {
            remove(type, object)
        } else {
            write(type, object, .modified)
        }
    }

    private mutating func dropOwnerReference(_ uid: String, from dependent: Located) {
        guard var object = stored(dependent.type, dependent.key) else { return }
        let kept = object.ownerReferences.filter { $0["uid"]?.stringValue != uid }
        object.setMetadata("ownerReferences", kept.isEmpty ? nil : .array(kept))
        write(dependent.type, object, .modified)
    }

    /// Objects naming `owner` in their ownerReferences; a namespaced owner only owns objects
    /// of its own namespace.
    private func dependents(of owner: JSONValue, type: ResourceType) -> [Located] {
        let uid = owner.uid
        guard !uid.isEmpty else { return [] }
        var result: [Located] = []
        for candidateType in ResourceType.storedResources {
            if type.namespaced && !candidateType.namespaced { continue }
            for object in sorted(candidateType, namespace: type.namespaced ? owner.metadataNamespace : nil)
            where object.ownerReferences.contains(where: { $0["uid"]?.stringValue == uid }) {
                result.append(Located(type: candidateType, object: object))
            }
        }
        return result
    }

    private func locate(uid: String) -> Located? {
        guard !uid.isEmpty else { return nil }
        for type in ResourceType.storedResources {
            if let object = all(type).values.first(where: { $0.uid == uid }) {
                return Located(type: type, object: object)
            }
        }
        return nil
    }

    private func storedType(of object: JSONValue) -> ResourceType? {
        let apiVersion = object["apiVersion"]?.stringValue ?? ""
        let kind = object["kind"]?.stringValue ?? ""
        guard let type = ResourceType.lookup(apiVersion: apiVersion, kind: kind) else { return nil }
        return ResourceType.storedResources.first { $0.storageKey == type.storageKey }
    }
}
