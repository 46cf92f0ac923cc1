import Foundation
import InProcessAPIServer
import KarpenterAPI
import Testing
@testable import KubeClient

/// Collects what an informer's handler saw, in order.
actor EventLog {
    private(set) var events: [InformerEvent] = []
    func record(_ event: InformerEvent) { events.append(event) }

    /// `ADDED a`, `UPDATED a`, `DELETED a`.
    var lines: [String] {
        events.map { event in
            switch event {
            case .added(let object): "ADDED \(name(of: object))"
            case .updated(_, let new): "UPDATED \(name(of: new))"
            case .deleted(let object): "DELETED \(name(of: object))"
            }
        }
    }
}

@Suite("Watch streams and informers against the in-process API server")
struct WatchInformerTests {
    @Test func aWatchFromTheListVersionSeesEachChangeOnceInOrder() async throws {
        try await LiveServer.with { live in
            try await live.withClient { client in
                _ = try await client.create(.configMaps, configMap("before"))
                let list = try await client.list(.configMaps, namespace: "default")
                let stream = client.watch(.configMaps, namespace: "default",
                                          options: .init(resourceVersion: list.resourceVersion, allowBookmarks: false, timeoutSeconds: 30))
                let writer = Task {
                    _ = try await client.create(.configMaps, configMap("a"))
                    _ = try await client.patch(.configMaps, name: "a", .merge(json(#"{"data":{"x":"1"}}"#)))
                    _ = try await client.delete(.configMaps, name: "a")
                }
                var seen: [String] = []
                for try await event in stream {
                    seen.append("\(event.type.rawValue) \(name(of: event.object))")
                    if seen.count == 3 { break }
                }
                try await writer.value
                #expect(seen == ["ADDED a", "MODIFIED a", "DELETED a"])
            }
        }
    }

    @Test func bookmarksCarryTheCurrentVersion() async throws {
        try await LiveServer.with { live in
            try await live.withClient { client in
                let list = try await client.list(.configMaps, namespace: "default")
                for try await event in client.watch(.configMaps, namespace: "default",
                                                    options: .init(resourceVersion: list.resourceVersion, timeoutSeconds: 30)) {
                    #expect(event.type == .bookmark)
                    #expect(event.resourceVersion == live.server.store.resourceVersion)
                    break
                }
            }
        }
    }

    @Test func aTooOldVersionThrowsGone() async throws {
        try await LiveServer.with { live in
            try await live.withClient { client in
                let list = try await client.list(.configMaps, namespace: "default")
                _ = try await client.create(.configMaps, configMap("later"))
                live.server.compactHistory()
                do {
                    for try await _ in client.watch(.configMaps, namespace: "default",
                                                    options: .init(resourceVersion: list.resourceVersion, allowBookmarks: false,
                                                                   timeoutSeconds: 30)) {}
                    Issue.record("a compacted version must end in 410")
                } catch {
                    #expect(error.kubeStatus?.isGone == true)
                }
            }
        }
    }

    @Test func anInformerResumesAfterADroppedConnectionWithoutMissingOrRepeatingEvents() async throws {
        try await LiveServer.with { live in
            try await live.withClient { client in
                _ = try await client.create(.configMaps, configMap("initial"))
                let informer = Informer(client: client, resource: .configMaps, namespace: "default")
                let log = EventLog()
                await informer.addHandler { await log.record($0) }
                await informer.start()
                await informer.waitForSync()
                for round in 0..<4 {
                    _ = try await client.create(.configMaps, configMap("cm-\(round)"))
                    live.server.dropWatchConnections()
                    _ = try await client.patch(.configMaps, name: "cm-\(round)", .merge(json(#"{"data":{"r":"1"}}"#)))
                }
                _ = try await client.delete(.configMaps, name: "initial")
                #expect(try await eventually { await log.events.count == 10 })
                try await Task.sleep(for: .milliseconds(300))
                let lines = await log.lines
                var expected = ["ADDED initial"]
                for round in 0..<4 { expected += ["ADDED cm-\(round)", "UPDATED cm-\(round)"] }
                expected.append("DELETED initial")
                #expect(lines == expected)
                #expect(await informer.lists == 1, "a dropped watch resumes; it does not relist")
                #expect(await informer.watches > 1)
                let server = try await client.list(.configMaps, namespace: "default")
                #expect(await informer.items() == server.items)
                await informer.stop()
            }
        }
    }

    @Test func aGoneWatchMakesTheInformerRelistAndItsCacheMatchesTheServer() async throws {
        try await LiveServer.with { live in
            try await live.withClient { client in
                for name in ["keep", "change", "remove"] { _ = try await client.create(.configMaps, configMap(name)) }
                let informer = Informer(client: client, resource: .configMaps, namespace: "default")
                let log = EventLog()
                await informer.addHandler { await log.record($0) }
                await informer.start()
                await informer.waitForSync()
                // Make the informer's next watch fail once (it then backs off), change the
                // store behind its back and forget the history: the resumed watch gets 410.
                live.server.injectFailures(InjectedFailure(method: "GET", pathPrefix: "/api/v1/namespaces/default/configmaps",
                                                           count: 1, status: 500))
                live.server.dropWatchConnections()
                _ = try live.server.store.patch(.configMaps, namespace: "default", name: "change",
                                                 patch: json(#"{"data":{"v":"2"}}"#))
                _ = try live.server.store.delete(.configMaps, namespace: "default", name: "remove")
                _ = try live.server.store.create(configMap("new"))
                live.server.compactHistory()

                #expect(try await eventually { await informer.lists == 2 })
                let server = try await client.list(.configMaps, namespace: "default")
                #expect(try await eventually { await informer.items() == server.items })
                let lines = await log.lines
                #expect(Array(lines.prefix(3)) == ["ADDED change", "ADDED keep", "ADDED remove"])
                #expect(Set(lines.dropFirst(3)) == ["UPDATED change", "ADDED new", "DELETED remove"],
                        "the relist reports exactly what changed")
                await informer.stop()
            }
        }
    }
}
