import InProcessAPIServer
import KarpenterAPI
import Testing

@Suite struct DeletionTests {
    @Test func finalizersKeepTheObjectUntilTheyAreRemoved() async throws {
        let cluster = try await TestCluster.start()
        defer { Task { try await cluster.stop() } }
        var map = Fixtures.configMap("held")
        map["metadata"]?["finalizers"] = .array([.string("example.com/hold")])
        try await cluster.post("/api/v1/namespaces/default/configmaps", map).expect(201)
        let watch = try await cluster.watch("/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=\(cluster.store.resourceVersion)")
        defer { watch.cancel() }

        let deleting = try await cluster.delete("/api/v1/namespaces/default/configmaps/held").expect(200)
        #expect(deleting.body.meta("deletionTimestamp") != nil)
        #expect(deleting["metadata", "deletionGracePeriodSeconds"]?.integerValue == 0)
        try await cluster.get("/api/v1/namespaces/default/configmaps/held").expect(200)

        let adding = try await cluster.patch("/api/v1/namespaces/default/configmaps/held",
                                             Fixtures.yaml("{metadata: {finalizers: [example.com/hold, example.com/more]}}")).expect(422)
        #expect(adding.message.contains("no new finalizers can be added if the object is being deleted"))

        try await cluster.patch("/api/v1/namespaces/default/configmaps/held", Fixtures.yaml("{metadata: {finalizers: null}}")).expect(200)
        try await cluster.get("/api/v1/namespaces/default/configmaps/held").expect(404)
        let events = try await watch.waitForEvents(2)
        #expect(events.map(\.eventType) == ["MODIFIED", "DELETED"])
        #expect(events[1].eventResourceVersion == cluster.store.resourceVersion)
    }

    @Test func preconditionsAreChecked() async throws {
        let cluster = try await TestCluster.start()
        defer { Task { try await cluster.stop() } }
        let created = try await cluster.post("/api/v1/namespaces/default/configmaps", Fixtures.configMap("pre")).expect(201)
        let wrongUID = try await cluster.delete("/api/v1/namespaces/default/configmaps/pre",
                                                Fixtures.yaml("{kind: DeleteOptions, apiVersion: v1, preconditions: {uid: not-it}}")).expect(409)
        #expect(wrongUID.message == "Operation cannot be fulfilled on configmaps \"pre\": Precondition failed: UID in precondition: not-it, UID in object meta: \(created.body.meta("uid") ?? "")")
        let wrongVersion = try await cluster.delete("/api/v1/namespaces/default/configmaps/pre",
                                                    Fixtures.yaml("{preconditions: {resourceVersion: '1'}}")).expect(409)
        #expect(wrongVersion.reason == "Conflict")
        let version = created.body.meta("resourceVersion") ?? ""
        let deleted = try await cluster.delete("/api/v1/namespaces/default/configmaps/pre",
                                               Fixtures.yaml("{preconditions: {resourceVersion: '\(version)'}}")).expect(200)
        #expect(deleted.body.meta("name") == "pre")
        try await cluster.delete("/api/v1/namespaces/default/configmaps/pre").expect(404)
    }

    @Test func boundPodsTerminateGracefullyUntilGraceZero() async throws {
        let cluster = try await TestCluster.start()
        defer { Task { try await cluster.stop() } }
        try await cluster.post("/api/v1/namespaces/default/pods", Fixtures.pod("bound", nodeName: "n1")).expect(201)
        try await cluster.post("/api/v1/namespaces/default/pods", Fixtures.pod("unbound")).expect(201)

        let graceful = try await cluster.delete("/api/v1/namespaces/default/pods/bound").expect(200)
        #expect(graceful["metadata", "deletionGracePeriodSeconds"]?.integerValue == 30)
        #expect(graceful.body.meta("deletionTimestamp") != nil)
        try await cluster.get("/api/v1/namespaces/default/pods/bound").expect(200)

        // What the kubelet does once the containers stopped.
        try await cluster.send(.DELETE, "/api/v1/namespaces/default/pods/bound?gracePeriodSeconds=0").expect(200)
        try await cluster.get("/api/v1/namespaces/default/pods/bound").expect(404)

        try await cluster.delete("/api/v1/namespaces/default/pods/unbound").expect(200)
        try await cluster.get("/api/v1/namespaces/default/pods/unbound").expect(404)
    }

    @Test func podGracePeriodComesFromTheSpecOrTheRequest() throws {
        let store = ObjectStore()
        var pod = Fixtures.pod("slow", nodeName: "n1")
        pod["spec"]?["terminationGracePeriodSeconds"] = .int(120)
        try store.create(pod)
        let pending = try store.delete(.pods, namespace: "default", name: "slow", options: .init(gracePeriodSeconds: 10))
        guard case .pending(let object) = pending else {
            Issue.record("expected the pod to stay")
            return
        }
        #expect(object["metadata"]?["deletionGracePeriodSeconds"]?.integerValue == 10)
        // A second delete may shorten the grace period, never extend it.
        let again = try store.delete(.pods, namespace: "default", name: "slow", options: .init(gracePeriodSeconds: 60))
        #expect(again.object["metadata"]?["deletionGracePeriodSeconds"]?.integerValue == 10)
        let gone = try store.delete(.pods, namespace: "default", name: "slow", options: .init(gracePeriodSeconds: 0))
        guard case .deleted = gone else {
            Issue.record("expected the pod to be gone")
            return
        }
    }

    @Test func backgroundDeletionCascadesToDependents() throws {
        let store = ObjectStore()
        let deployment = try store.create(Fixtures.yaml("{apiVersion: apps/v1, kind: Deployment, metadata: {name: web, namespace: default}, spec: {replicas: 2}}"))
        let replicaSet = try store.create(Fixtures.yaml("""
        {apiVersion: apps/v1, kind: ReplicaSet, metadata: {name: web-1, namespace: default,
         ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: web, uid: \(deployment.meta("uid") ?? ""), controller: true}]}, spec: {replicas: 2}}
        """))
        let reference = Fixtures.ownerReference(kind: "ReplicaSet", name: "web-1", uid: replicaSet.meta("uid") ?? "")
        try store.create(Fixtures.pod("web-1-a", ownerReferences: [reference]))
        try store.create(Fixtures.pod("web-1-b", nodeName: "n1", ownerReferences: [reference]))

        try store.delete(.deployments, namespace: "default", name: "web")
        #expect(throws: APIError.self) { try store.get(.replicaSets, namespace: "default", name: "web-1") }
        #expect(throws: APIError.self) { try store.get(.pods, namespace: "default", name: "web-1-a") }
        // The bound pod terminates gracefully, as the garbage collector's delete would make it.
        let bound = try store.get(.pods, namespace: "default", name: "web-1-b")
        #expect(bound.meta("deletionTimestamp") != nil)
    }

    @Test func orphanDeletionStripsOwnerReferences() async throws {
        let cluster = try await TestCluster.start()
        defer { Task { try await cluster.stop() } }
        let owner = try await cluster.post("/api/v1/namespaces/default/configmaps", Fixtures.configMap("owner")).expect(201)
        let reference = Fixtures.ownerReference(kind: "ConfigMap", name: "owner", uid: owner.body.meta("uid") ?? "", apiVersion: "v1")
        var dependent = Fixtures.configMap("dependent")
        dependent["metadata"]?["ownerReferences"] = .array([reference])
        try await cluster.post("/api/v1/namespaces/default/configmaps", dependent).expect(201)

        let response = try await cluster.delete("/api/v1/namespaces/default/configmaps/owner", Fixtures.yaml("{propagationPolicy: Orphan}")).expect(200)
        #expect(response["metadata", "finalizers"] == .array([.string("orphan")]))
        try await cluster.get("/api/v1/namespaces/default/configmaps/owner").expect(404)
        let orphan = try await cluster.get("/api/v1/namespaces/default/configmaps/dependent").expect(200)
        #expect(orphan["metadata", "ownerReferences"] == nil)

        let invalid = try await cluster.delete("/api/v1/namespaces/default/configmaps/dependent", Fixtures.yaml("{propagationPolicy: Sometimes}")).expect(422)
        #expect(invalid.message.contains("Unsupported value: \"Sometimes\""))
    }

    @Test func foregroundDeletionWaitsForBlockingDependents() throws {
        let store = ObjectStore()
        let owner = try store.create(Fixtures.yaml("{apiVersion: apps/v1, kind: ReplicaSet, metadata: {name: rs, namespace: default}, spec: {replicas: 1}}"))
        let reference = Fixtures.ownerReference(kind: "ReplicaSet", name: "rs", uid: owner.meta("uid") ?? "", blockOwnerDeletion: true)
        try store.create(Fixtures.pod("rs-a", nodeName: "n1", ownerReferences: [reference]))

        let outcome = try store.delete(.replicaSets, namespace: "default", name: "rs", options: .init(propagationPolicy: .foreground))
        guard case .pending(let pending) = outcome else {
            Issue.record("the owner must wait for its pod")
            return
        }
        #expect(pending.finalizersList == ["foregroundDeletion"])
        let pod = try store.get(.pods, namespace: "default", name: "rs-a")
        #expect(pod.meta("deletionTimestamp") != nil)
        try store.delete(.pods, namespace: "default", name: "rs-a", options: .init(gracePeriodSeconds: 0))
        #expect(throws: APIError.self) { try store.get(.replicaSets, namespace: "default", name: "rs") }
    }

    @Test func deletingANamespaceEmptiesItFirst() async throws {
        let cluster = try await TestCluster.start()
        defer { Task { try await cluster.stop() } }
        try await cluster.post("/api/v1/namespaces", Fixtures.yaml("{metadata: {name: team}}")).expect(201)
        try await cluster.post("/api/v1/namespaces/team/configmaps", Fixtures.configMap("a", namespace: "team")).expect(201)
        try await cluster.post("/api/v1/namespaces/team/pods", Fixtures.pod("p", namespace: "team", nodeName: "n1")).expect(201)

        let terminating = try await cluster.delete("/api/v1/namespaces/team").expect(200)
        #expect(terminating["status", "phase"]?.stringValue == "Terminating")
        try await cluster.get("/api/v1/namespaces/team/configmaps/a").expect(404)
        let refused = try await cluster.post("/api/v1/namespaces/team/configmaps", Fixtures.configMap("b", namespace: "team")).expect(403)
        #expect(refused.message == "configmaps \"b\" is forbidden: unable to create new content in namespace team because it is being terminated")
        // The bound pod still terminates; once it is gone the namespace goes.
        try await cluster.send(.DELETE, "/api/v1/namespaces/team/pods/p?gracePeriodSeconds=0").expect(200)
        try await cluster.get("/api/v1/namespaces/team").expect(404)

        let protected = try await cluster.delete("/api/v1/namespaces/default").expect(403)
        #expect(protected.message == "namespaces \"default\" is forbidden: this namespace may not be deleted")
    }

    @Test func deleteCollectionUsesSelectors() async throws {
        let cluster = try await TestCluster.start()
        defer { Task { try await cluster.stop() } }
        try await cluster.post("/api/v1/namespaces/default/configmaps", Fixtures.configMap("a", labels: ["team": "x"])).expect(201)
        try await cluster.post("/api/v1/namespaces/default/configmaps", Fixtures.configMap("b", labels: ["team": "y"])).expect(201)
        let deleted = try await cluster.send(.DELETE, "/api/v1/namespaces/default/configmaps?labelSelector=team%3Dx").expect(200)
        #expect(deleted["items"]?.arrayValue?.compactMap { $0.meta("name") } == ["a"])
        let left = try await cluster.get("/api/v1/namespaces/default/configmaps").expect(200)
        #expect(left["items"]?.arrayValue?.compactMap { $0.meta("name") } == ["b"])
    }
}

extension JSONValue {
    var finalizersList: [String] { self["metadata"]?["finalizers"]?.arrayValue?.compactMap(\.stringValue) ?? [] }
}
