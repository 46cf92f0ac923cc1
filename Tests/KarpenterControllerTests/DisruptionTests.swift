import Foundation
import InProcessAPIServer
import KarpenterAPI
import KarpenterController
import KubeClient
import Testing

/// Disruption end to end: the controller, the simulated cloud, kubelet and binder, and the
/// in-process API server over HTTP. Evicted pods come back as a ReplicaSet would bring them.
@Suite(.serialized) struct DisruptionTests {
    static let options: ControllerOptions = {
        var options = SimulatedTestCluster.options
        options.disruption = DisruptionSettings(pollInterval: .milliseconds(300), validationDelay: .seconds(1),
                                                commandTimeout: .seconds(60))
        return options
    }()

    @Test func anEmptiedNodeIsRemoved() async throws {
        let cluster = try await SimulatedTestCluster(options: Self.options, binder: true)
        try await cluster.createDisruptableNodePool()
        // `keep` fills a `large` node (nothing cheaper could take it), `leave` gets a `small` one.
        try await cluster.createPod("keep", on: nil, .init(cpu: "14"))
        try await cluster.wait(.podRunning("keep"))
        try await cluster.createPod("leave", on: nil, .init(cpu: "3"))
        try await cluster.wait(.podRunning("leave"))
        let emptied = try #require(cluster.podSnapshot()["leave"]?["spec"]?["nodeName"]?.stringValue)
        let kept = try #require(cluster.podSnapshot()["keep"]?["spec"]?["nodeName"]?.stringValue)
        #expect(emptied != kept)

        let emptiedClaim = try #require(try cluster.server.store.list(.nodeClaims).items.first {
            $0["status"]?["nodeName"]?.stringValue == emptied
        }?.metadataName)
        #expect(!cluster.holds(.nodeClaimCondition(emptiedClaim, "Empty", "True")))
        _ = try await cluster.client.delete(.pods, name: "leave", namespace: "default", options: DeleteOptions(gracePeriodSeconds: 0))
        try await cluster.wait(.nodeClaimCondition(emptiedClaim, "Empty", "True"))
        try await cluster.wait(.nodeGone(emptied), timeout: .seconds(30))
        #expect(cluster.nodeExists(kept))
        #expect(cluster.eventMessages(reason: "DisruptionTerminating", object: emptied).contains("Disrupting Node: Empty"))
        #expect(cluster.holds(.podRunning("keep")))
        // The NodeClaim goes once its instance is confirmed gone, just after the Node.
        try await cluster.wait(.nodeClaimCount(1))
        await cluster.stop()
    }

    @Test func twoHalfEmptyNodesBecomeOneWithEveryPodStillHoused() async throws {
        let cluster = try await SimulatedTestCluster(options: Self.options, binder: true)
        try await cluster.createDisruptableNodePool()
        // Two batches of two 1.5-CPU pods: two `small` nodes, full.
        for name in ["web-1", "web-2"] { try await cluster.createPod(name, on: nil, .init(labels: ["app": "web"], cpu: "1500m")) }
        for name in ["web-1", "web-2"] { try await cluster.wait(.podRunning(name)) }
        for name in ["web-3", "web-4"] { try await cluster.createPod(name, on: nil, .init(labels: ["app": "web"], cpu: "1500m")) }
        for name in ["web-3", "web-4"] { try await cluster.wait(.podRunning(name)) }
        let nodes = Set(cluster.podSnapshot().values.compactMap { $0["spec"]?["nodeName"]?.stringValue })
        #expect(nodes.count == 2)

        // Scale down to two replicas, one left on each node; a ReplicaSet keeps two running.
        let keeper = ReplicaKeeper(cluster: cluster, app: "web", replicas: 2, cpu: "1500m")
        keeper.start()
        _ = try await cluster.client.delete(.pods, name: "web-2", namespace: "default", options: DeleteOptions(gracePeriodSeconds: 0))
        _ = try await cluster.client.delete(.pods, name: "web-4", namespace: "default", options: DeleteOptions(gracePeriodSeconds: 0))

        try await cluster.wait(.nodeClaimCount(1), timeout: .seconds(40))
        let housed = try await eventually("two web pods running on the remaining node", timeout: .seconds(30)) { () -> [String]? in
            let running = cluster.podSnapshot().values.filter {
                $0["status"]?["phase"]?.stringValue == "Running" && $0["metadata"]?["deletionTimestamp"] == nil
            }
            return running.count == 2 ? running.compactMap { $0["spec"]?["nodeName"]?.stringValue } : nil
        }
        #expect(Set(housed).count == 1, "both replicas share the one node left: \(housed)")
        #expect(cluster.events(reason: "ConsolidationCandidate").isEmpty == false)
        keeper.stop()
        await cluster.stop()
    }

    @Test func aDriftedNodeIsReplacedBeforeItIsRemoved() async throws {
        let cluster = try await SimulatedTestCluster(options: Self.options, binder: true)
        try await cluster.createDisruptableNodePool(team: "a")
        let keeper = ReplicaKeeper(cluster: cluster, app: "api", replicas: 1, cpu: "3")
        keeper.start()
        let original = try await eventually("a node for the api pod") { () -> String? in
            cluster.podSnapshot().values.first { $0["status"]?["phase"]?.stringValue == "Running" }?["spec"]?["nodeName"]?.stringValue
        }
        let originalClaim = try #require(try cluster.server.store.list(.nodeClaims).items.first?.metadataName)

        // A template change drifts the node: a replacement comes first, then the old node goes.
        let pool = try cluster.server.store.get(.nodePools, name: "default")
        _ = try await cluster.client.patch(.nodePools, name: "default", .merge(.object(["spec": .object(["template": .object([
            "metadata": .object(["labels": .object(["team": .string("b")])]),
        ])])])))
        _ = pool
        try await cluster.wait(.nodeClaimCondition(originalClaim, "Drifted", "True"), timeout: .seconds(20))
        try await cluster.wait(.nodeGone(original), timeout: .seconds(40))
        let claims = try cluster.server.store.list(.nodeClaims).items
        let replacement = try #require(claims.first { $0.metadataName != originalClaim })
        #expect(replacement["metadata"]?["labels"]?["team"]?.stringValue == "b")
        let replacementCreated = Timestamps(replacement["metadata"]?["creationTimestamp"]?.stringValue)
        let launching = cluster.events(reason: "DisruptionTerminating").first { $0["involvedObject"]?["name"]?.stringValue == originalClaim }
        let terminationStarted = Timestamps(launching?["firstTimestamp"]?.stringValue)
        #expect(replacementCreated != nil && terminationStarted != nil && replacementCreated! <= terminationStarted!,
                "the replacement existed before the drifted node was deleted")
        _ = try await eventually("the api pod runs on the replacement") { () -> Bool? in
            cluster.podSnapshot().values.contains {
                $0["status"]?["phase"]?.stringValue == "Running" && $0["spec"]?["nodeName"]?.stringValue != original
            } ? true : nil
        }
        keeper.stop()
        await cluster.stop()
    }

    @Test func aDoNotDisruptPodKeepsItsNode() async throws {
        let cluster = try await SimulatedTestCluster(options: Self.options, binder: true)
        try await cluster.createDisruptableNodePool()
        try await cluster.createPod("pinned", on: nil, .init(annotations: ["karpenter.sh/do-not-disrupt": "true"], cpu: "1500m"))
        try await cluster.createPod("pinned-mate", on: nil, .init(cpu: "1500m"))
        try await cluster.wait(.podRunning("pinned"))
        try await cluster.wait(.podRunning("pinned-mate"))
        try await cluster.createPod("movable", on: nil, .init(cpu: "1500m"))
        try await cluster.createPod("movable-mate", on: nil, .init(cpu: "1500m"))
        try await cluster.wait(.podRunning("movable"))
        try await cluster.wait(.podRunning("movable-mate"))
        let pinnedNode = try #require(cluster.podSnapshot()["pinned"]?["spec"]?["nodeName"]?.stringValue)
        let movableNode = try #require(cluster.podSnapshot()["movable"]?["spec"]?["nodeName"]?.stringValue)
        #expect(pinnedNode != movableNode)

        // Both nodes half empty: only the one without the do-not-disrupt pod may go.
        _ = try await cluster.client.delete(.pods, name: "pinned-mate", namespace: "default", options: DeleteOptions(gracePeriodSeconds: 0))
        _ = try await cluster.client.delete(.pods, name: "movable-mate", namespace: "default", options: DeleteOptions(gracePeriodSeconds: 0))
        try await cluster.wait(.event(reason: "DisruptionBlocked", object: pinnedNode, containing: "do-not-disrupt"), timeout: .seconds(20))
        try await cluster.wait(.nodeGone(movableNode), timeout: .seconds(40))
        #expect(cluster.nodeExists(pinnedNode))
        #expect(cluster.holds(.podRunning("pinned")))
        await cluster.stop()
    }

    @Test func aBudgetOfOneNodeLimitsHowManyGoAtOnce() async throws {
        let cluster = try await SimulatedTestCluster(options: Self.options, binder: true)
        try await cluster.createDisruptableNodePool(budget: "1")
        let names = ["a", "b", "c"]
        for name in names {
            try await cluster.createPod(name, on: nil, .init(cpu: "3"))
            try await cluster.wait(.podRunning(name))
        }
        #expect(cluster.holds(.nodeClaimCount(3)))
        for name in names {
            _ = try await cluster.client.delete(.pods, name: name, namespace: "default", options: DeleteOptions(gracePeriodSeconds: 0))
        }
        // Three empty nodes go one at a time.
        var mostAtOnce = 0
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            let claims = (try? cluster.server.store.list(.nodeClaims).items) ?? []
            mostAtOnce = max(mostAtOnce, claims.filter { $0["metadata"]?["deletionTimestamp"] != nil }.count)
            if claims.isEmpty { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(cluster.holds(.nodeClaimCount(0)), "every empty node is removed in the end")
        #expect(mostAtOnce == 1, "at most one node is disrupted at a time (saw \(mostAtOnce))")
        await cluster.stop()
    }
}

private func Timestamps(_ text: String?) -> Date? {
    guard let text else { return nil }
    return try? Date(text, strategy: .iso8601)
}

extension SimulatedTestCluster {
    /// A NodePool of `small` and `large` nodes that consolidates at once.
    func createDisruptableNodePool(team: String = "a", budget: String = "100%") async throws {
        let yaml = """
        apiVersion: karpenter.sh/v1
        kind: NodePool
        metadata: {name: default}
        spec:
          disruption: {consolidationPolicy: WhenEmptyOrUnderutilized, consolidateAfter: 0s, budgets: [{nodes: "\(budget)"}]}
          template:
            metadata: {labels: {team: \(team)}}
            spec:
              nodeClassRef: {group: karpenter.azure.com, kind: AKSNodeClass, name: default}
              requirements: [{key: kubernetes.io/os, operator: In, values: [linux]}]
        """
        _ = try await client.create(.nodePools, try ManifestParser.parse(text: yaml)[0].value)
    }
}

/// Plays a ReplicaSet: keeps `replicas` live pods labelled `app`, creating pending ones as
/// others are evicted or deleted.
final class ReplicaKeeper: @unchecked Sendable {
    let cluster: SimulatedTestCluster
    let app: String
    let replicas: Int
    let cpu: String
    private var task: Task<Void, Never>?

    init(cluster: SimulatedTestCluster, app: String, replicas: Int, cpu: String) {
        self.cluster = cluster
        self.app = app
        self.replicas = replicas
        self.cpu = cpu
    }

    func start() {
        let (cluster, app, replicas, cpu) = (self.cluster, self.app, self.replicas, self.cpu)
        task = Task {
            var created = 0
            while !Task.isCancelled {
                let live = cluster.podSnapshot().values.filter {
                    $0["metadata"]?["labels"]?["app"]?.stringValue == app && $0["metadata"]?["deletionTimestamp"] == nil
                }.count
                for _ in live..<max(live, replicas) {
                    created += 1
                    try? await cluster.createPod("\(app)-r\(created)", on: nil, .init(labels: ["app": app], cpu: cpu))
                }
                try? await Task.sleep(for: .milliseconds(100))
            }
        }
    }

    func stop() { task?.cancel() }
}
