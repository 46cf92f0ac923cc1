import Foundation
import KarpenterAPI

/// Everything the store holds, mutated only under `ObjectStore`'s lock. Every write goes
/// through `write`, which bumps the one resourceVersion counter, records the change and
/// hands the watchers their events, so watch streams see writes in commit order.
struct StoreState {
    let clock: @Sendable () -> Date
    private(set) var resourceVersion: Int64 = 0
    private(set) var objects: [String: [ObjectName: JSONValue]] = [:]
    var history: ChangeHistory
    var watchers: [Int: Watcher] = [:]
    var nextWatcherID = 1
    /// Namespaces whose PodDisruptionBudget status must be recomputed before the lock is released.
    var budgetsToSync: Set<String> = []
    /// Terminating namespaces that may have become empty.
    var namespacesToFinalize: Set<String> = []

    init(clock: @escaping @Sendable () -> Date, historyLimit: Int) {
        self.clock = clock
        self.history = ChangeHistory(limit: historyLimit)
    }

    var now: Date { clock() }
    var timestamp: String { Timestamps.format(clock()) }

    func objectName(_ type: ResourceType, namespace: String?, name: String) -> ObjectName {
        ObjectName(namespace: type.namespaced ? (namespace ?? "") : "", name: name)
    }

    func stored(_ type: ResourceType, _ name: ObjectName) -> JSONValue? {
        objects[type.storageKey]?[name]
    }

    func all(_ type: ResourceType) -> [ObjectName: JSONValue] {
        objects[type.storageKey] ?? [:]
    }

    /// Objects of `type` in `namespace` (all namespaces when nil), sorted by namespace/name.
    func sorted(_ type: ResourceType, namespace: String? = nil) -> [JSONValue] {
        all(type).filter { namespace == nil || $0.key.namespace == namespace }
            .sorted { $0.key < $1.key }
            .map(\.value)
    }

    /// Commits one change and returns the object as stored (with its new resourceVersion).
    @discardableResult
    mutating func write(_ type: ResourceType, _ object: JSONValue, _ kind: Change.Kind) -> JSONValue {
        resourceVersion += 1
        var committed = type.present(object)
        committed.setMetadata("resourceVersion", .string(String(resourceVersion)))
        committed = MetadataOrder.normalized(committed)
        let name = ObjectName(namespace: type.namespaced ? committed.metadataNamespace : "", name: committed.metadataName)
        let previous = objects[type.storageKey]?[name]
        switch kind {
        case .added, .modified:
            objects[type.storageKey, default: [:]][name] = committed
        case .deleted:
            objects[type.storageKey]?[name] = nil
        }
        let change = Change(resourceVersion: resourceVersion, storageKey: type.storageKey, name: name,
                            kind: kind, object: committed, previous: previous)
        history.append(change)
        for watcher in watchers.values {
            if let event = watcher.event(for: change) { watcher.sink.receive(event) }
        }
        noteConsequences(of: change, type: type)
        return committed
    }

    private mutating func noteConsequences(of change: Change, type: ResourceType) {
        let namespace = change.name.namespace
        switch (type.group, type.resource) {
        case ("", "pods"), ("apps", "deployments"), ("apps", "replicasets"), ("apps", "statefulsets"):
            budgetsToSync.insert(namespace)
        case ("policy", "poddisruptionbudgets"):
            // The controller's own status writes change nothing it computes from.
            if !equivalent(change.object["spec"], change.previous?["spec"]) || change.kind != .modified {
                budgetsToSync.insert(namespace)
            }
        default:
            break
        }
        if change.kind == .deleted, type.namespaced,
           stored(.namespaces, ObjectName(namespace: "", name: namespace))?.isTerminating == true {
            namespacesToFinalize.insert(namespace)
        }
    }

    /// Runs the controllers whose work the real cluster does right after a write
    /// (disruption budget status, namespace removal), until nothing is left to do.
    mutating func settle() {
        var rounds = 0
        while (!budgetsToSync.isEmpty || !namespacesToFinalize.isEmpty) && rounds < 64 {
            rounds += 1
            let budgets = budgetsToSync
            budgetsToSync = []
            for namespace in budgets.sorted() { syncDisruptionBudgets(in: namespace) }
            let namespaces = namespacesToFinalize
            namespacesToFinalize = []
            for namespace in namespaces.sorted() { finalizeNamespaceIfEmpty(namespace) }
        }
    }

    /// The next resourceVersion as a number, or a 400 for a malformed one.
    static func parseResourceVersion(_ text: String) throws(APIError) -> Int64 {
        guard let value = Int64(text), value >= 0 else {
            throw APIError(code: 400, reason: "BadRequest",
                           message: "resourceVersion: Invalid value: \(FieldIssue.quoted(text)): strconv.ParseUint: parsing \(FieldIssue.quoted(text)): invalid syntax")
        }
        return value
    }
}
