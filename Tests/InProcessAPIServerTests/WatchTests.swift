import InProcessAPIServer
import KarpenterAPI
import Testing

@Suite struct WatchTests {
    private let maps = "/api/v1/namespaces/default/configmaps"

    @Test func watchWithoutResourceVersionStartsWithTheCurrentObjectsThenStreams() async throws {
        let cluster = try await TestCluster.start()
        defer { Task { try await cluster.stop() } }
        try await cluster.post(maps, Fixtures.configMap("existing")).expect(201)
        let watch = try await cluster.watch(maps + "?watch=true")
        defer { watch.cancel() }
        #expect(watch.status == 200)
        let initial = try await watch.waitForEvents(1)
        #expect(initial[0].eventType == "ADDED")
        #expect(initial[0].eventName == "existing")
        #expect(initial[0]["object"]?["kind"]?.stringValue == "ConfigMap")

        try await cluster.post(maps, Fixtures.configMap("live")).expect(201)
        try await cluster.patch(maps + "/live", Fixtures.yaml("{data: {key: changed}}")).expect(200)
        try await cluster.delete(maps + "/live").expect(200)
        let events = try await watch.waitForEvents(4)
        #expect(events.dropFirst().map(\.eventType) == ["ADDED", "MODIFIED", "DELETED"])
        #expect(events[3]["object"]?["data"]?["key"]?.stringValue == "changed")
        let versions = events.dropFirst().compactMap { Int($0.eventResourceVersion) }
        #expect(versions == versions.sorted() && Set(versions).count == 3)
    }

    @Test func watchFromAResourceVersionReplaysLaterChanges() async throws {
        let cluster = try await TestCluster.start()
        defer { Task { try await cluster.stop() } }
        try await cluster.post(maps, Fixtures.configMap("before")).expect(201)
        let list = try await cluster.get(maps).expect(200)
        let version = try #require(list["metadata", "resourceVersion"]?.stringValue)
        try await cluster.post(maps, Fixtures.configMap("after-1")).expect(201)
        try await cluster.post("/api/v1/nodes", Fixtures.node("unrelated")).expect(201)
        try await cluster.post(maps, Fixtures.configMap("after-2")).expect(201)

        let watch = try await cluster.watch(maps + "?watch=1&resourceVersion=\(version)")
        defer { watch.cancel() }
        let events = try await watch.waitForEvents(2)
        #expect(events.map(\.eventName) == ["after-1", "after-2"])
        #expect(events.allSatisfy { $0.eventType == "ADDED" })
    }

    @Test func selectorsTurnTransitionsIntoAddedAndDeleted() async throws {
        let cluster = try await TestCluster.start()
        defer { Task { try await cluster.stop() } }
        try await cluster.post(maps, Fixtures.configMap("flip", labels: ["team": "a"])).expect(201)
        let watch = try await cluster.watch(maps + "?watch=true&labelSelector=team%3Db&resourceVersion=\(cluster.store.resourceVersion)")
        defer { watch.cancel() }
        try await cluster.patch(maps + "/flip", Fixtures.yaml("{metadata: {labels: {team: b}}}")).expect(200)
        try await cluster.patch(maps + "/flip", Fixtures.yaml("{data: {key: x}}")).expect(200)
        let leaving = try await cluster.patch(maps + "/flip", Fixtures.yaml("{metadata: {labels: {team: c}}}")).expect(200)
        let events = try await watch.waitForEvents(3)
        #expect(events.map(\.eventType) == ["ADDED", "MODIFIED", "DELETED"])
        // The DELETED event carries the last matching state at the new resourceVersion.
        #expect(events[2]["object"]?["metadata"]?["labels"]?["team"]?.stringValue == "b")
        #expect(events[2].eventResourceVersion == leaving.body.meta("resourceVersion"))
    }

    @Test func fieldSelectedWatchOfOneObject() async throws {
        let cluster = try await TestCluster.start()
        defer { Task { try await cluster.stop() } }
        try await cluster.post("/api/v1/namespaces/default/pods", Fixtures.pod("target")).expect(201)
        try await cluster.post("/api/v1/namespaces/default/pods", Fixtures.pod("other")).expect(201)
        let watch = try await cluster.watch("/api/v1/pods?watch=true&fieldSelector=metadata.name%3Dtarget")
        defer { watch.cancel() }
        try await cluster.send(.POST, "/api/v1/namespaces/default/pods/target/binding",
                               body: Fixtures.yaml("{apiVersion: v1, kind: Binding, metadata: {name: target}, target: {kind: Node, name: n1}}")).expect(201)
        let events = try await watch.waitForEvents(2)
        #expect(events.map(\.eventName) == ["target", "target"])
        #expect(events[1]["object"]?["spec"]?["nodeName"]?.stringValue == "n1")
    }

    @Test func bookmarksCarryOnlyTheResourceVersion() async throws {
        let cluster = try await TestCluster.start(.init(bookmarkInterval: .milliseconds(50)))
        defer { Task { try await cluster.stop() } }
        let watch = try await cluster.watch(maps + "?watch=true&allowWatchBookmarks=true&resourceVersion=\(cluster.store.resourceVersion)")
        defer { watch.cancel() }
        let node = try await cluster.post("/api/v1/nodes", Fixtures.node("elsewhere")).expect(201)
        let version = try #require(node.body.meta("resourceVersion"))
        let bookmark = try await watch.waitForEvent { event in
            event.eventType == "BOOKMARK" && event.eventResourceVersion == version
        }
        #expect(bookmark["object"] == Fixtures.yaml("{kind: ConfigMap, apiVersion: v1, metadata: {resourceVersion: '\(version)'}}"))
    }

    @Test func expiredResourceVersionGetsAnErrorEvent() async throws {
        let cluster = try await TestCluster.start()
        defer { Task { try await cluster.stop() } }
        try await cluster.post(maps, Fixtures.configMap("a")).expect(201)
        cluster.server.compactHistory()
        let current = cluster.store.resourceVersion
        let watch = try await cluster.watch(maps + "?watch=true&resourceVersion=2")
        #expect(watch.status == 200)
        let events = try await watch.waitForEvents(1)
        #expect(events[0].eventType == "ERROR")
        let status = try #require(events[0]["object"])
        #expect(status["code"]?.integerValue == 410)
        #expect(status["reason"]?.stringValue == "Expired")
        #expect(status["message"]?.stringValue == "too old resource version: 2 (\(current))")
        #expect(try await watch.waitForEnd() == .clean)

        // Resuming from the current version is still fine.
        let resumed = try await cluster.watch(maps + "?watch=true&resourceVersion=\(current)")
        defer { resumed.cancel() }
        try await cluster.post(maps, Fixtures.configMap("b")).expect(201)
        #expect(try await resumed.waitForEvents(1).first?.eventName == "b")
    }

    @Test func historyLimitExpiresOldResourceVersions() async throws {
        let cluster = try await TestCluster.start(.init(watchHistoryLimit: 3))
        defer { Task { try await cluster.stop() } }
        for index in 1...5 { try await cluster.post(maps, Fixtures.configMap("m\(index)")).expect(201) }
        let watch = try await cluster.watch(maps + "?watch=true&resourceVersion=1")
        let events = try await watch.waitForEvents(1)
        #expect(events[0].eventType == "ERROR")
        #expect(events[0]["object"]?["message"]?.stringValue?.hasPrefix("too old resource version: 1 (") == true)
    }

    @Test func timeoutSecondsEndsTheStreamCleanly() async throws {
        let cluster = try await TestCluster.start()
        defer { Task { try await cluster.stop() } }
        let watch = try await cluster.watch(maps + "?watch=true&timeoutSeconds=1&resourceVersion=\(cluster.store.resourceVersion)")
        #expect(try await watch.waitForEnd(timeout: .seconds(20)) == .clean)
        // The connection is reusable afterwards.
        try await cluster.get(maps).expect(200)
    }

    @Test func droppedConnectionsEndStreamsAbruptly() async throws {
        let cluster = try await TestCluster.start()
        defer { Task { try await cluster.stop() } }
        let first = try await cluster.watch(maps + "?watch=true&resourceVersion=\(cluster.store.resourceVersion)")
        let second = try await cluster.watch("/api/v1/pods?watch=true")
        try await cluster.post(maps, Fixtures.configMap("seen")).expect(201)
        try await first.waitForEvents(1)
        cluster.server.dropWatchConnections()
        let endings = [try await first.waitForEnd(), try await second.waitForEnd()]
        for ending in endings {
            guard case .failed = ending else {
                Issue.record("expected a failed stream, got \(ending)")
                continue
            }
        }
        // New requests work.
        try await cluster.get(maps).expect(200)
    }

    @Test func shutdownEndsWatchesCleanly() async throws {
        let cluster = try await TestCluster.start()
        let watch = try await cluster.watch(maps + "?watch=true")
        try await cluster.server.shutdown()
        #expect(try await watch.waitForEnd() == .clean)
        try await cluster.client.shutdown()
    }

    @Test func sendInitialEventsEndsWithAnAnnotatedBookmark() async throws {
        let cluster = try await TestCluster.start()
        defer { Task { try await cluster.stop() } }
        try await cluster.post(maps, Fixtures.configMap("one")).expect(201)
        let watch = try await cluster.watch(maps + "?watch=true&sendInitialEvents=true&allowWatchBookmarks=true&resourceVersionMatch=NotOlderThan")
        defer { watch.cancel() }
        let events = try await watch.waitForEvents(2)
        #expect(events[0].eventType == "ADDED")
        #expect(events[1].eventType == "BOOKMARK")
        #expect(events[1]["object"]?["metadata"]?["annotations"]?["k8s.io/initial-events-end"]?.stringValue == "true")
    }

    @Test func inProcessWatchStream() async throws {
        let store = ObjectStore()
        let stream = try store.watch(.configMaps, namespace: "default", options: .init(resourceVersion: store.resourceVersion))
        try store.create(Fixtures.configMap("direct"))
        try store.delete(.configMaps, namespace: "default", name: "direct")
        var iterator = stream.makeAsyncIterator()
        let added = try await iterator.next()
        let deleted = try await iterator.next()
        #expect(added?.type == .added)
        #expect(deleted?.type == .deleted)
        store.dropWatches()
        await #expect(throws: WatchDropped.self) { _ = try await iterator.next() }
        #expect(throws: APIError.self) {
            store.compactHistory()
            _ = try store.watch(.configMaps, options: .init(resourceVersion: "1"))
        }
    }
}
