import KarpenterAPI

/// An open watch: what it selects and where its events go.
struct Watcher: Sendable {
    let id: Int
    let type: ResourceType
    let namespace: String?
    let labelSelector: LabelSelector
    let fieldSelector: FieldSelector
    let sink: any WatchSink

    func selects(_ object: JSONValue) -> Bool {
        if let namespace, object.metadataNamespace != namespace { return false }
        return labelSelector.matches(object.labels)
            && fieldSelector.matches(SelectableFields.values(of: object, type: type))
    }

    /// The event this watcher sees for a change, as the watch cache computes it: an object
    /// that starts matching arrives as ADDED, one that stops matching leaves as DELETED.
    func event(for change: Change) -> WatchEvent? {
        guard change.storageKey == type.storageKey else { return nil }
        let now = selects(change.object)
        let before = change.previous.map(selects) ?? false
        switch change.kind {
        case .added:
            return now ? WatchEvent(type: .added, object: type.present(change.object)) : nil
        case .deleted:
            return now ? WatchEvent(type: .deleted, object: type.present(change.object)) : nil
        case .modified:
            switch (before, now) {
            case (true, true): return WatchEvent(type: .modified, object: type.present(change.object))
            case (false, true): return WatchEvent(type: .added, object: type.present(change.object))
            case (true, false):
                // The previous state, stamped with the resourceVersion of the change.
                var gone = change.previous ?? change.object
                gone.setMetadata("resourceVersion", .string(String(change.resourceVersion)))
                return WatchEvent(type: .deleted, object: type.present(gone))
            case (false, false): return nil
            }
        }
    }
}

extension ResourceType {
    /// The object as this version serves it: `apiVersion` and `kind` first, as on the wire.
    func present(_ object: JSONValue) -> JSONValue {
        guard case .object(var fields) = object else { return object }
        fields.removeValue(forKey: "apiVersion")
        fields.removeValue(forKey: "kind")
        var ordered: JSONValue = .object(["apiVersion": .string(apiVersion), "kind": .string(kind)])
        for (key, value) in fields { ordered[key] = value }
        return ordered
    }

    /// The minimal object of a BOOKMARK event.
    func bookmark(resourceVersion: Int64, annotations: [String: String] = [:]) -> JSONValue {
        var metadata: JSONValue = .object(["resourceVersion": .string(String(resourceVersion))])
        if !annotations.isEmpty {
            metadata["annotations"] = .object(.init(uniqueKeysWithValues: annotations.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.string($0.value)) }))
        }
        return .object(["kind": .string(kind), "apiVersion": .string(apiVersion), "metadata": metadata])
    }
}
