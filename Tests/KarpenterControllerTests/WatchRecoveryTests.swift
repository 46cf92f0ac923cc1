import Foundation
import KarpenterAPI
import KarpenterController
import KubeClient
import Testing

/// Watches end for ordinary reasons (API server restarts, load balancers, etcd compaction);
/// the controller must neither miss an object nor keep one that is gone.
@Suite(.serialized) struct WatchRecoveryTests {
    @Test func droppedAndExpiredWatchesLoseNothing() async throws {
        let cluster = try await TestCluster()
        try await cluster.createNodePool()
        try await cluster.createPendingPod("before")
        _ = try await eventually("the first NodeClaim launched") {
            try await cluster.nodeClaims().first { $0["status"]?["providerID"]?.stringValue != nil }
        }

        // Dropped: the informers resume from their last resourceVersion.
        cluster.server.dropWatchConnections()
        try await cluster.createPendingPod("after-drop")
        // Expired: history compacted, so resuming answers 410 Gone and the informers relist.
        try await cluster.createPendingPod("doomed")
        cluster.server.compactHistory()
        cluster.server.dropWatchConnections()
        _ = try await cluster.client.delete(.pods, name: "doomed", namespace: "default", options: DeleteOptions(gracePeriodSeconds: 0))
        try await cluster.createPendingPod("after-expiry")

        for pod in ["before", "after-drop", "after-expiry"] {
            _ = try await eventually("\(pod) nominated", timeout: .seconds(30)) { () async throws -> Bool? in
                let events = try await cluster.client.list(.events, namespace: "default").items
                return events.contains { $0["involvedObject"]?["name"]?.stringValue == pod && $0["reason"]?.stringValue == "Nominated" } ? true : nil
            }
        }
        _ = try await eventually("the controller's caches equal the server") { () async throws -> Bool? in
            let serverPods = try await Self.versions(cluster.client.list(.pods, namespace: "default").items)
            let cachedPods = Self.versions(await cluster.controller.informers.pods.items())
            let serverClaims = try await Self.versions(cluster.client.list(.nodeClaims).items)
            let cachedClaims = Self.versions(await cluster.controller.informers.nodeClaims.items())
            return serverPods == cachedPods && serverClaims == cachedClaims ? true : nil
        }
        let cachedNames = await cluster.controller.informers.pods.items().map(\.metadataName).sorted()
        #expect(cachedNames == ["after-drop", "after-expiry", "before"], "the deleted pod is gone from the cache too")
        await cluster.stop()
    }

    static func versions(_ objects: [JSONValue]) -> [String: String] {
        Dictionary(objects.map { ($0.metadataName, $0["metadata"]?["resourceVersion"]?.stringValue ?? "") }) { first, _ in first }
    }
}
