import InProcessAPIServer
import KarpenterAPI
import Testing

@Suite struct EvictionTests {
    private let pods = "/api/v1/namespaces/default/pods"

    /// Three running, ready pods of the app on node n1.
    private func clusterWithReadyPods(_ count: Int = 3) async throws -> TestCluster {
        let cluster = try await TestCluster.start()
        for index in 1...count {
            try await cluster.post(pods, Fixtures.pod("web-\(index)", nodeName: "n1")).expect(201)
            try await cluster.patch("\(pods)/web-\(index)/status", .object(["status": Fixtures.runningReadyStatus()])).expect(200)
        }
        return cluster
    }

    private func eviction(_ name: String, apiVersion: String = "policy/v1") -> JSONValue {
        Fixtures.yaml("{apiVersion: \(apiVersion), kind: Eviction, metadata: {name: \(name), namespace: default}}")
    }

    @Test func disruptionBudgetStatusFollowsThePods() async throws {
        let cluster = try await clusterWithReadyPods()
        defer { Task { try await cluster.stop() } }
        try await cluster.post("/apis/policy/v1/namespaces/default/poddisruptionbudgets", Fixtures.pdb("web", minAvailable: .int(2))).expect(201)
        let budget = try await cluster.get("/apis/policy/v1/namespaces/default/poddisruptionbudgets/web").expect(200)
        #expect(budget["status", "currentHealthy"]?.integerValue == 3)
        #expect(budget["status", "desiredHealthy"]?.integerValue == 2)
        #expect(budget["status", "expectedPods"]?.integerValue == 3)
        #expect(budget["status", "disruptionsAllowed"]?.integerValue == 1)
        #expect(budget["status", "observedGeneration"]?.integerValue == 1)
        let condition = budget["status", "conditions"]?.arrayValue?.first
        #expect(condition?["type"]?.stringValue == "DisruptionAllowed")
        #expect(condition?["reason"]?.stringValue == "SufficientPods")

        try await cluster.patch("\(pods)/web-3/status", Fixtures.yaml("{status: {conditions: [{type: Ready, status: 'False'}]}}")).expect(200)
        let degraded = try await cluster.get("/apis/policy/v1/namespaces/default/poddisruptionbudgets/web").expect(200)
        #expect(degraded["status", "currentHealthy"]?.integerValue == 2)
        #expect(degraded["status", "disruptionsAllowed"]?.integerValue == 0)
        #expect(degraded["status", "conditions"]?.arrayValue?.first?["reason"]?.stringValue == "InsufficientPods")
    }

    @Test func evictionIsAllowedThenRefusedByTheBudget() async throws {
        let cluster = try await clusterWithReadyPods()
        defer { Task { try await cluster.stop() } }
        try await cluster.post("/apis/policy/v1/namespaces/default/poddisruptionbudgets", Fixtures.pdb("web", minAvailable: .int(2))).expect(201)

        let allowed = try await cluster.post("\(pods)/web-1/eviction", eviction("web-1")).expect(201)
        #expect(allowed["status"]?.stringValue == "Success")
        #expect(allowed["kind"]?.stringValue == "Status")
        let evicted = try await cluster.get("\(pods)/web-1").expect(200)
        #expect(evicted.body.meta("deletionTimestamp") != nil)
        let budget = try await cluster.get("/apis/policy/v1/namespaces/default/poddisruptionbudgets/web").expect(200)
        #expect(budget["status", "disruptionsAllowed"]?.integerValue == 0)

        let refused = try await cluster.post("\(pods)/web-2/eviction", eviction("web-2", apiVersion: "policy/v1beta1")).expect(429)
        #expect(refused.reason == "TooManyRequests")
        #expect(refused.message == "Cannot evict pod as it would violate the pod's disruption budget.")
        let cause = refused["details", "causes"]?.arrayValue?.first
        #expect(cause?["reason"]?.stringValue == "DisruptionBudget")
        #expect(cause?["message"]?.stringValue == "The disruption budget web needs 2 healthy pods and has 2 currently")

        // The terminating pod can be evicted again without a budget check.
        try await cluster.post("\(pods)/web-1/eviction", eviction("web-1")).expect(201)
        let mismatch = try await cluster.post("\(pods)/web-2/eviction", eviction("web-3")).expect(400)
        #expect(mismatch.message == "name in URL does not match name in Eviction object")
        try await cluster.post("\(pods)/ghost/eviction", eviction("ghost")).expect(404)
    }

    @Test func percentagesUseTheControllersScale() throws {
        let store = ObjectStore()
        let replicaSet = try store.create(Fixtures.yaml("{apiVersion: apps/v1, kind: ReplicaSet, metadata: {name: rs, namespace: default}, spec: {replicas: 4}}"))
        let reference = Fixtures.ownerReference(kind: "ReplicaSet", name: "rs", uid: replicaSet.meta("uid") ?? "")
        for index in 1...3 {
            try store.create(Fixtures.pod("rs-\(index)", nodeName: "n1", ownerReferences: [reference]))
            try store.patch(.pods, namespace: "default", name: "rs-\(index)", patch: .object(["status": Fixtures.runningReadyStatus()]), status: true)
        }
        try store.create(Fixtures.pdb("half", maxUnavailable: .string("50%")))
        let budget = try store.get(.podDisruptionBudgets, namespace: "default", name: "half")
        #expect(budget["status"]?["expectedPods"]?.integerValue == 4)
        #expect(budget["status"]?["desiredHealthy"]?.integerValue == 2)
        #expect(budget["status"]?["disruptionsAllowed"]?.integerValue == 1)

        try store.create(Fixtures.pod("stray", labels: ["app": "other"]))
        try store.create(Fixtures.pdb("unmanaged", minAvailable: .string("50%"), selector: "{matchLabels: {app: other}}"))
        let failed = try store.get(.podDisruptionBudgets, namespace: "default", name: "unmanaged")
        #expect(failed["status"]?["disruptionsAllowed"]?.integerValue == 0)
        #expect(failed["status"]?["conditions"]?.arrayValue?.first?["reason"]?.stringValue == "SyncFailed")
    }

    @Test func podsUnderTwoBudgetsCannotBeEvicted() throws {
        let store = ObjectStore()
        try store.create(Fixtures.pod("web-1", nodeName: "n1"))
        try store.patch(.pods, namespace: "default", name: "web-1", patch: .object(["status": Fixtures.runningReadyStatus()]), status: true)
        try store.create(Fixtures.pdb("one", maxUnavailable: .int(1)))
        try store.create(Fixtures.pdb("two", maxUnavailable: .int(1), selector: "{}"))
        do {
            try store.evict(namespace: "default", name: "web-1")
            Issue.record("expected the eviction to fail")
        } catch {
            #expect(error.code == 500)
            #expect(error.message == "Internal error occurred: This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.")
        }
    }

    @Test func evictionWithoutBudgetDeletesAndHonoursDeleteOptions() throws {
        let store = ObjectStore()
        try store.create(Fixtures.pod("free", nodeName: "n1"))
        try store.patch(.pods, namespace: "default", name: "free", patch: .object(["status": Fixtures.runningReadyStatus()]), status: true)
        try store.evict(namespace: "default", name: "free", deleteOptions: .init(gracePeriodSeconds: 0))
        #expect(throws: APIError.self) { try store.get(.pods, namespace: "default", name: "free") }
    }

    @Test func bindingAssignsANodeOnce() async throws {
        let cluster = try await TestCluster.start()
        defer { Task { try await cluster.stop() } }
        try await cluster.post(pods, Fixtures.pod("pending")).expect(201)
        let binding = Fixtures.yaml("{apiVersion: v1, kind: Binding, metadata: {name: pending}, target: {apiVersion: v1, kind: Node, name: n7}}")
        let bound = try await cluster.post("\(pods)/pending/binding", binding).expect(201)
        #expect(bound["status"]?.stringValue == "Success")
        let pod = try await cluster.get("\(pods)/pending").expect(200)
        #expect(pod["spec", "nodeName"]?.stringValue == "n7")
        #expect(pod["status", "conditions"]?.arrayValue?.contains { $0["type"]?.stringValue == "PodScheduled" && $0["status"]?.stringValue == "True" } == true)
        let again = try await cluster.post("\(pods)/pending/binding", binding).expect(409)
        #expect(again.message == "Operation cannot be fulfilled on pods/binding \"pending\": pod pending is already assigned to node \"n7\"")
    }
}
