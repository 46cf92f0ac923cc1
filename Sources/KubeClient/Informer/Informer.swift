import Foundation
import KarpenterAPI

/// A local, eventually consistent copy of one resource kind, kept by list+watch as client-go's
/// shared informer does: list (paginated), then watch from the list's resourceVersion with
/// bookmarks; a watch that ends or drops resumes from the last version seen, so no event is
/// missed or repeated; a 410 Gone relists and tells handlers exactly what changed meanwhile.
public actor Informer {
    public typealias Handler = @Sendable (InformerEvent) async -> Void

    public nonisolated let resource: APIResource
    private let client: KubernetesClient
    private let namespace: String?
    private let labelSelector: String?
    private let fieldSelector: String?
    private let resyncPeriod: Duration?
    private let watchTimeoutSeconds: ClosedRange<Int>

    private var cache: [ObjectKey: JSONValue] = [:]
    private var handlers: [Handler] = []
    private var resourceVersion = ""
    private var runTask: Task<Void, Never>?
    private var resyncTask: Task<Void, Never>?
    private var syncWaiters: [CheckedContinuation<Void, Never>] = []
    private var stopped = false

    public private(set) var hasSynced = false
    /// How often the informer listed (1 after the first sync; more after 410s).
    public private(set) var lists = 0
    /// How many watches were opened.
    public private(set) var watches = 0
    /// The last error seen while listing or watching, for health checks and logs.
    public private(set) var lastError: KubeClientError?

    public init(client: KubernetesClient, resource: APIResource, namespace: String? = nil, labelSelector: String? = nil,
                fieldSelector: String? = nil, resyncPeriod: Duration? = nil, watchTimeoutSeconds: ClosedRange<Int> = 300...600) {
        self.client = client
        self.resource = resource
        self.namespace = namespace
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.resyncPeriod = resyncPeriod
        self.watchTimeoutSeconds = watchTimeoutSeconds
    }

    /// Handlers added before `start()` see every object as `added`; later ones only later changes.
    public func addHandler(_ handler: @escaping Handler) {
        handlers.append(handler)
    }

    public func start() {
        guard runTask == nil else { return }
        stopped = false
        runTask = Task { await self.run() }
        if let resyncPeriod {
            resyncTask = Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: resyncPeriod)
                    if Task.isCancelled { break }
                    await self.resync()
                }
            }
        }
    }

    public func stop() {
        stopped = true
        runTask?.cancel()
        resyncTask?.cancel()
        runTask = nil
        resyncTask = nil
        resumeSyncWaiters()
    }

    /// Returns once the first list is in the cache (or the informer is stopped).
    public func waitForSync() async {
        if hasSynced || stopped { return }
        await withCheckedContinuation { syncWaiters.append($0) }
    }

    public func items() -> [JSONValue] {
        cache.keys.sorted().compactMap { cache[$0] }
    }

    public func get(_ key: ObjectKey) -> JSONValue? { cache[key] }

    public var count: Int { cache.count }

    /// The resourceVersion the cache is at (of the last list, event or bookmark).
    public var lastResourceVersion: String { resourceVersion }

    // MARK: The loop

    private func run() async {
        var needsList = true
        var failures = 0
        while !Task.isCancelled {
            if needsList {
                do {
                    let list = try await client.listAll(resource, namespace: namespace, labelSelector: labelSelector,
                                                        fieldSelector: fieldSelector)
                    lists += 1
                    await replace(with: list.items, resourceVersion: list.resourceVersion)
                    needsList = false
                    failures = 0
                } catch {
                    lastError = error
                    failures += 1
                    await backOff(failures)
                    continue
                }
            }
            watches += 1
            let options = WatchOptions(resourceVersion: resourceVersion, labelSelector: labelSelector,
                                       fieldSelector: fieldSelector, allowBookmarks: true,
                                       timeoutSeconds: Int.random(in: watchTimeoutSeconds))
            do {
                for try await event in client.watch(resource, namespace: namespace, options: options) {
                    await apply(event)
                }
                failures = 0
            } catch let error as KubeClientError {
                lastError = error
                if error.status?.isGone == true {
                    needsList = true
                } else {
                    failures += 1
                    await backOff(failures)
                }
            } catch {
                failures += 1
                await backOff(failures)
            }
        }
    }

    private func backOff(_ failures: Int) async {
        let milliseconds = min(30_000, 100 * (1 << min(failures, 9)))
        try? await Task.sleep(for: .milliseconds(milliseconds))
    }

    private func apply(_ event: WatchEvent) async {
        if let version = event.resourceVersion, !version.isEmpty { resourceVersion = version }
        let key = ObjectKey(event.object)
        switch event.type {
        case .bookmark:
            return
        case .added, .modified:
            let old = cache.updateValue(event.object, forKey: key)
            await deliver(old.map { .updated(old: $0, new: event.object) } ?? .added(event.object))
        case .deleted:
            cache[key] = nil
            await deliver(.deleted(event.object))
        }
    }

    /// A fresh list replaces the cache; handlers hear the difference, not the whole list again.
    private func replace(with items: [JSONValue], resourceVersion version: String) async {
        var fresh: [ObjectKey: JSONValue] = [:]
        for item in items { fresh[ObjectKey(item)] = item }
        var events: [InformerEvent] = []
        for key in fresh.keys.sorted() {
            guard let new = fresh[key] else { continue }
            if let old = cache[key] {
                if Self.version(of: old) != Self.version(of: new) { events.append(.updated(old: old, new: new)) }
            } else {
                events.append(.added(new))
            }
        }
        for key in cache.keys.sorted() where fresh[key] == nil {
            if let old = cache[key] { events.append(.deleted(old)) }
        }
        cache = fresh
        resourceVersion = version
        for event in events { await deliver(event) }
        if !hasSynced {
            hasSynced = true
            resumeSyncWaiters()
        }
    }

    private func resync() async {
        for item in items() { await deliver(.updated(old: item, new: item)) }
    }

    private func deliver(_ event: InformerEvent) async {
        for handler in handlers { await handler(event) }
    }

    private func resumeSyncWaiters() {
        let waiters = syncWaiters
        syncWaiters = []
        for waiter in waiters { waiter.resume() }
    }

    private static func version(of object: JSONValue) -> String? {
        object["metadata"]?["resourceVersion"]?.stringValue
    }
}
