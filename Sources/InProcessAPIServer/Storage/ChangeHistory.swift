import KarpenterAPI

/// Where an object is stored: one map per resource (all its versions), keyed by namespace/name.
struct ObjectName: Hashable, Comparable, Sendable {
    var namespace: String
    var name: String

    static func < (lhs: ObjectName, rhs: ObjectName) -> Bool {
        (lhs.namespace, lhs.name) < (rhs.namespace, rhs.name)
    }
}

/// One write to the store, kept for watch resumption and for lists at an older resourceVersion.
struct Change: Sendable {
    enum Kind: Sendable { case added, modified, deleted }

    var resourceVersion: Int64
    var storageKey: String
    var name: ObjectName
    var kind: Kind
    /// The object after the write; for a deletion, its final state with the new resourceVersion.
    var object: JSONValue
    /// The object before the write (nil for an addition).
    var previous: JSONValue?
}

/// The most recent changes, bounded. `compactedThrough` is the newest resourceVersion whose
/// change was forgotten: a watch or continue token from before it cannot be served.
struct ChangeHistory: Sendable {
    private var changes: [Change] = []
    private var start = 0
    let limit: Int
    private(set) var compactedThrough: Int64 = 0

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    var retained: ArraySlice<Change> { changes[start...] }

    mutating func append(_ change: Change) {
        changes.append(change)
        if changes.count - start > limit {
            compactedThrough = changes[start].resourceVersion
            start += 1
        }
        // Reclaim the forgotten prefix now and then instead of shifting on every write.
        if start > 1024 && start > changes.count / 2 {
            changes.removeFirst(start)
            start = 0
        }
    }

    /// Forgets everything up to `resourceVersion` (the current one).
    mutating func compact(through resourceVersion: Int64) {
        changes.removeAll()
        start = 0
        compactedThrough = max(compactedThrough, resourceVersion)
    }

    /// True when every change after `resourceVersion` is still known.
    func covers(since resourceVersion: Int64) -> Bool {
        resourceVersion >= compactedThrough
    }

    /// The changes of one resource after `resourceVersion`, oldest first.
    func changes(of storageKey: String, after resourceVersion: Int64) -> [Change] {
        retained.filter { $0.storageKey == storageKey && $0.resourceVersion > resourceVersion }
    }

    /// The objects of one resource as they were at `resourceVersion`, rebuilt from the current
    /// ones by undoing the later changes. Callers check `covers(since:)` first.
    func snapshot(of current: [ObjectName: JSONValue], storageKey: String, at resourceVersion: Int64) -> [ObjectName: JSONValue] {
        var objects = current
        for change in changes(of: storageKey, after: resourceVersion).reversed() {
            switch change.kind {
            case .added: objects.removeValue(forKey: change.name)
            case .modified, .deleted: objects[change.name] = change.previous
            }
        }
        return objects
    }
}
