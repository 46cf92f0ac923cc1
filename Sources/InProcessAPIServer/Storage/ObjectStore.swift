import Foundation
import KarpenterAPI
import NIOConcurrencyHelpers

/// The cluster state behind the server, usable directly in-process with the same semantics
/// as the REST verbs: one resourceVersion counter, watch events, finalizers, graceful pod
/// deletion, garbage collection, PodDisruptionBudget status, admission of our CRDs.
///
/// Every method is synchronous and thread-safe (one lock); errors are the `Status` the
/// REST API would answer with.
public final class ObjectStore: @unchecked Sendable {
    private let lock = NIOLock()
    // Guarded by `lock`.
    private var state: StoreState

    /// Starts with the namespaces a new cluster has.
    public init(clock: @escaping @Sendable () -> Date = { Date() }, watchHistoryLimit: Int = 1000) {
        state = StoreState(clock: clock, historyLimit: watchHistoryLimit)
        for name in ["default", "kube-system", "kube-public", "kube-node-lease"] {
            _ = try? state.create(.object(["metadata": .object(["name": .string(name)])]), type: .namespaces, namespace: nil)
        }
        state.settle()
    }

    /// Runs `body` under the lock, then lets the simulated controllers catch up.
    func perform<T>(_ body: (inout StoreState) throws(APIError) -> T) throws(APIError) -> T {
        lock.lock()
        defer {
            state.settle()
            lock.unlock()
        }
        return try body(&state)
    }

    private func locked<T>(_ body: (inout StoreState) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&state)
    }

    /// The newest resourceVersion of the store.
    public var resourceVersion: String { locked { String($0.resourceVersion) } }

    // MARK: Reads

    public func get(_ type: ResourceType, namespace: String? = nil, name: String) throws(APIError) -> JSONValue {
        try perform { (state: inout StoreState) throws(APIError) -> JSONValue in
            guard let object = state.stored(type, state.objectName(type, namespace: namespace, name: name)) else {
                throw .notFound(type, name)
            }
            return type.present(object)
        }
    }

    public func list(_ type: ResourceType, namespace: String? = nil, options: ListOptions = .init()) throws(APIError) -> ObjectList {
        try perform { (state: inout StoreState) throws(APIError) -> ObjectList in
            try state.list(type, namespace: namespace, options: options)
        }
    }

    // MARK: Writes

    /// Creates an object of the resource its `apiVersion` and `kind` name.
    @discardableResult
    public func create(_ object: JSONValue, namespace: String? = nil) throws(APIError) -> JSONValue {
        try create(object, as: try Self.resolve(object), namespace: namespace)
    }

    @discardableResult
    public func create(_ object: JSONValue, as type: ResourceType, namespace: String? = nil, dryRun: Bool = false) throws(APIError) -> JSONValue {
        try perform { (state: inout StoreState) throws(APIError) -> JSONValue in
            try state.create(object, type: type, namespace: namespace ?? Self.namespace(of: object, type), dryRun: dryRun).object
        }
    }

    /// PUT: replaces the object named by its metadata; a set resourceVersion must be current.
    @discardableResult
    public func update(_ object: JSONValue, as type: ResourceType? = nil) throws(APIError) -> JSONValue {
        let resolved = try Self.resolve(object, preferring: type)
        return try perform { (state: inout StoreState) throws(APIError) -> JSONValue in
            try state.update(object, type: resolved, namespace: Self.namespace(of: object, resolved), name: object.metadataName).object
        }
    }

    /// PUT on `/status`: only the status changes.
    @discardableResult
    public func updateStatus(_ object: JSONValue, as type: ResourceType? = nil) throws(APIError) -> JSONValue {
        let resolved = try Self.resolve(object, preferring: type)
        guard resolved.hasStatus else { throw .resourceNotFound }
        return try perform { (state: inout StoreState) throws(APIError) -> JSONValue in
            try state.update(object, type: resolved, namespace: Self.namespace(of: object, resolved), name: object.metadataName,
                             status: true).object
        }
    }

    @discardableResult
    public func patch(_ type: ResourceType, namespace: String? = nil, name: String, patch: JSONValue,
                      patchType: PatchType = .merge, status: Bool = false) throws(APIError) -> JSONValue {
        if status && !type.hasStatus { throw .resourceNotFound }
        return try perform { (state: inout StoreState) throws(APIError) -> JSONValue in
            try state.patch(type, namespace: namespace, name: name, patch: patch, patchType: patchType, status: status).object
        }
    }

    @discardableResult
    public func delete(_ type: ResourceType, namespace: String? = nil, name: String,
                       options: DeleteOptions = .init()) throws(APIError) -> DeleteOutcome {
        try perform { (state: inout StoreState) throws(APIError) -> DeleteOutcome in
            try state.delete(type, namespace: namespace, name: name, options: options)
        }
    }

    /// `pods/eviction`: 429 when a PodDisruptionBudget forbids it.
    public func evict(namespace: String, name: String, deleteOptions: DeleteOptions? = nil) throws(APIError) {
        var eviction: JSONValue = .object([
            "apiVersion": .string("policy/v1"), "kind": .string("Eviction"),
            "metadata": .object(["name": .string(name), "namespace": .string(namespace)]),
        ])
        if let deleteOptions { eviction["deleteOptions"] = deleteOptions.json }
        try perform { (state: inout StoreState) throws(APIError) in
            try state.evict(namespace: namespace, podName: name, body: eviction)
        }
    }

    /// `pods/binding`: sets `spec.nodeName` of an unbound pod.
    public func bind(namespace: String, name: String, nodeName: String) throws(APIError) {
        let binding: JSONValue = .object([
            "apiVersion": .string("v1"), "kind": .string("Binding"),
            "metadata": .object(["name": .string(name), "namespace": .string(namespace)]),
            "target": .object(["apiVersion": .string("v1"), "kind": .string("Node"), "name": .string(nodeName)]),
        ])
        try perform { (state: inout StoreState) throws(APIError) in
            try state.bind(namespace: namespace, podName: name, body: binding)
        }
    }

    // MARK: Watches

    /// A watch as an async stream. It ends with `WatchDropped` after `dropWatches()`; a
    /// resourceVersion older than the history throws the 410 at once.
    public func watch(_ type: ResourceType, namespace: String? = nil,
                      options: WatchOptions = .init()) throws(APIError) -> AsyncThrowingStream<WatchEvent, any Error> {
        let (stream, continuation) = AsyncThrowingStream<WatchEvent, any Error>.makeStream()
        let id = try subscribe(type, namespace: namespace, options: options, sink: StreamWatchSink(continuation: continuation))
        continuation.onTermination = { [weak self] _ in
            // Termination can be triggered under the lock (when the store ends the watch).
            Task { self?.unsubscribe(id) }
        }
        return stream
    }

    func subscribe(_ type: ResourceType, namespace: String?, options: WatchOptions, sink: any WatchSink) throws(APIError) -> Int {
        try perform { (state: inout StoreState) throws(APIError) -> Int in
            try state.subscribe(type, namespace: namespace, options: options, sink: sink)
        }
    }

    func unsubscribe(_ id: Int) {
        locked { $0.unsubscribe(id) }
    }

    func sendBookmark(to id: Int) {
        locked { $0.sendBookmark(to: id) }
    }

    func finishWatch(_ id: Int) {
        locked { $0.finishWatch(id) }
    }

    /// Ends the watches served over HTTP, cleanly (server shutdown) or abruptly (a network drop).
    func endHTTPWatches(_ reason: WatchEnd) {
        locked { $0.endWatches(reason) { $0.sink is HTTPWatchSink } }
    }

    /// Cuts every open watch (in-process streams end with `WatchDropped`), as a network drop would.
    public func dropWatches() {
        locked { $0.endWatches(.dropped) }
    }

    /// Forgets the change history: watches and continue tokens from before now get 410 Gone.
    public func compactHistory() {
        locked { $0.history.compact(through: $0.resourceVersion) }
    }

    // MARK: Helpers

    static func resolve(_ object: JSONValue, preferring type: ResourceType?) throws(APIError) -> ResourceType {
        if let type { return type }
        return try resolve(object)
    }

    static func resolve(_ object: JSONValue) throws(APIError) -> ResourceType {
        let apiVersion = object["apiVersion"]?.stringValue ?? ""
        let kind = object["kind"]?.stringValue ?? ""
        guard let type = ResourceType.lookup(apiVersion: apiVersion, kind: kind) else {
            throw .badRequest("no resource is served for apiVersion \(FieldIssue.quoted(apiVersion)) and kind \(FieldIssue.quoted(kind))")
        }
        return type
    }

    private static func namespace(of object: JSONValue, _ type: ResourceType) -> String? {
        guard type.namespaced else { return nil }
        let namespace = object.metadataNamespace
        return namespace.isEmpty ? "default" : namespace
    }
}

/// Delivers a watch into an `AsyncThrowingStream`.
struct StreamWatchSink: WatchSink {
    let continuation: AsyncThrowingStream<WatchEvent, any Error>.Continuation

    func receive(_ event: WatchEvent) {
        continuation.yield(event)
    }

    func end(_ reason: WatchEnd) {
        switch reason {
        case .finished: continuation.finish()
        case .dropped: continuation.finish(throwing: WatchDropped())
        }
    }
}
