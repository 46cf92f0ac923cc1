import Foundation
import InProcessAPIServer
import KarpenterAPI
import Testing

@Suite struct CRUDTests {
    @Test func createGetAndListFillServerFields() async throws {
        let cluster = try await TestCluster.start()
        defer { Task { try await cluster.stop() } }

        let created = try await cluster.post("/api/v1/namespaces/default/configmaps", Fixtures.configMap("settings")).expect(201)
        #expect(created["kind"]?.stringValue == "ConfigMap")
        #expect(created["apiVersion"]?.stringValue == "v1")
        let metadata = try #require(created["metadata"])
        #expect(metadata["uid"]?.stringValue?.count == 36)
        #expect(Int(metadata["resourceVersion"]?.stringValue ?? "") != nil)
        let timestamp = try #require(metadata["creationTimestamp"]?.stringValue)
        #expect(timestamp.hasSuffix("Z") && timestamp.count == 20)

        let fetched = try await cluster.get("/api/v1/namespaces/default/configmaps/settings").expect(200)
        #expect(fetched.body == created.body)

        _ = try await cluster.post("/api/v1/namespaces/kube-system/configmaps", Fixtures.configMap("other", namespace: "kube-system")).expect(201)
        let list = try await cluster.get("/api/v1/configmaps").expect(200)
        #expect(list["kind"]?.stringValue == "ConfigMapList")
        let items = try #require(list["items"]?.arrayValue)
        #expect(items.map { "\($0.meta("namespace") ?? "")/\($0.meta("name") ?? "")" } == ["default/settings", "kube-system/other"])
        #expect(items.allSatisfy { $0["kind"]?.stringValue == "ConfigMap" && $0["apiVersion"]?.stringValue == "v1" })
        #expect(Int(list["metadata", "resourceVersion"]?.stringValue ?? "") ?? 0 >= Int(created.body.meta("resourceVersion") ?? "") ?? 0)
    }

    @Test func everyWriteBumpsTheOneResourceVersion() async throws {
        let cluster = try await TestCluster.start()
        defer { Task { try await cluster.stop() } }
        let first = try await cluster.post("/api/v1/namespaces/default/configmaps", Fixtures.configMap("a")).expect(201)
        let second = try await cluster.post("/api/v1/nodes", Fixtures.node("n1")).expect(201)
        let firstVersion = try #require(Int(first.body.meta("resourceVersion") ?? ""))
        let secondVersion = try #require(Int(second.body.meta("resourceVersion") ?? ""))
        #expect(secondVersion == firstVersion + 1)
    }

    @Test func initialNamespacesExist() async throws {
        let cluster = try await TestCluster.start()
        defer { Task { try await cluster.stop() } }
        let list = try await cluster.get("/api/v1/namespaces").expect(200)
        let names = list["items"]?.arrayValue?.compactMap { $0.meta("name") } ?? []
        #expect(names == ["default", "kube-node-lease", "kube-public", "kube-system"])
        #expect(list["items"]?.arrayValue?.first?["status"]?["phase"]?.stringValue == "Active")
    }

    @Test func missingObjectsAndNamespacesAre404WithDetails() async throws {
        let cluster = try await TestCluster.start()
        defer { Task { try await cluster.stop() } }
        let missing = try await cluster.get("/api/v1/namespaces/default/pods/nope").expect(404)
        #expect(missing.message == "pods \"nope\" not found")
        #expect(missing.reason == "NotFound")
        #expect(missing["details", "name"]?.stringValue == "nope")
        #expect(missing["details", "kind"]?.stringValue == "pods")
        #expect(missing["kind"]?.stringValue == "Status")
        #expect(missing["status"]?.stringValue == "Failure")
        #expect(missing["code"]?.integerValue == 404)

        let pool = try await cluster.get("/apis/karpenter.sh/v1/nodepools/nope").expect(404)
        #expect(pool.message == "nodepools.karpenter.sh \"nope\" not found")
        #expect(pool["details", "group"]?.stringValue == "karpenter.sh")

        let namespace = try await cluster.post("/api/v1/namespaces/ghost/configmaps", Fixtures.configMap("x", namespace: "ghost")).expect(404)
        #expect(namespace.message == "namespaces \"ghost\" not found")

        let unknown = try await cluster.get("/apis/example.com/v1/widgets").expect(404)
        #expect(unknown.message == "the server could not find the requested resource")
    }

    @Test func duplicateCreateIsAlreadyExists() async throws {
        let cluster = try await TestCluster.start()
        defer { Task { try await cluster.stop() } }
        try await cluster.post("/api/v1/namespaces/default/configmaps", Fixtures.configMap("dup")).expect(201)
        let again = try await cluster.post("/api/v1/namespaces/default/configmaps", Fixtures.configMap("dup")).expect(409)
        #expect(again.reason == "AlreadyExists")
        #expect(again.message == "configmaps \"dup\" already exists")
    }

    @Test func generateNameAppendsFiveCharacters() async throws {
        let cluster = try await TestCluster.start()
        defer { Task { try await cluster.stop() } }
        var body = Fixtures.configMap("")
        body["metadata"]?["name"] = nil
        body["metadata"]?["generateName"] = .string("cache-")
        let created = try await cluster.post("/api/v1/namespaces/default/configmaps", body).expect(201)
        let name = try #require(created.body.meta("name"))
        #expect(name.hasPrefix("cache-") && name.count == 11)
        #expect(name.dropFirst(6).allSatisfy { $0.isLowercase || $0.isNumber })
        #expect(created.body.meta("generateName") == "cache-")
    }

    @Test func invalidNamesAre422WithCauses() async throws {
        let cluster = try await TestCluster.start()
        defer { Task { try await cluster.stop() } }
        let invalid = try await cluster.post("/api/v1/namespaces/default/configmaps", Fixtures.configMap("Bad_Name")).expect(422)
        #expect(invalid.reason == "Invalid")
        #expect(invalid.message.hasPrefix("ConfigMap \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain"))
        let cause = try #require(invalid["details", "causes"]?.arrayValue?.first)
        #expect(cause["field"]?.stringValue == "metadata.name")
        #expect(cause["reason"]?.stringValue == "FieldValueInvalid")

        var nameless = Fixtures.configMap("x")
        nameless["metadata"]?["name"] = nil
        let missing = try await cluster.post("/api/v1/namespaces/default/configmaps", nameless).expect(422)
        #expect(missing.message == "ConfigMap \"\" is invalid: metadata.name: Required value: name or generateName is required")

        let pod = try await cluster.post("/api/v1/namespaces/default/pods", Fixtures.yaml("{apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {}}")).expect(422)
        #expect(pod.message == "Pod \"p\" is invalid: spec.containers: Required value")
    }

    @Test func mismatchedBodiesAre400() async throws {
        let cluster = try await TestCluster.start()
        defer { Task { try await cluster.stop() } }
        let wrongVersion = try await cluster.post("/api/v1/namespaces/default/configmaps",
                                                  Fixtures.yaml("{apiVersion: apps/v1, kind: ConfigMap, metadata: {name: a}}")).expect(400)
        #expect(wrongVersion.message == "the API version in the data (apps/v1) does not match the expected API version (v1)")
        let wrongKind = try await cluster.post("/api/v1/namespaces/default/configmaps",
                                               Fixtures.yaml("{apiVersion: v1, kind: Secret, metadata: {name: a}}")).expect(400)
        #expect(wrongKind.reason == "BadRequest")
        #expect(wrongKind.message.hasPrefix("Secret in version \"v1\" cannot be handled as a ConfigMap"))
        let notJSON = try await cluster.send(.POST, "/api/v1/namespaces/default/configmaps", rawBody: Array("{nope".utf8)).expect(400)
        #expect(notJSON.message.hasPrefix("couldn't get version/kind; json parse error"))
        let otherNamespace = try await cluster.post("/api/v1/namespaces/default/configmaps", Fixtures.configMap("a", namespace: "kube-system")).expect(400)
        #expect(otherNamespace.message == "the namespace of the provided object does not match the namespace sent on the request")
        let resourceVersionSet = try await cluster.post("/api/v1/namespaces/default/configmaps",
                                                        Fixtures.yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: a, resourceVersion: '5'}}"))
        #expect(resourceVersionSet.status == 500)
    }

    @Test func builtInBodiesMayOmitKindAndAcceptYAML() async throws {
        let cluster = try await TestCluster.start()
        defer { Task { try await cluster.stop() } }
        let bare = try await cluster.post("/api/v1/namespaces/default/configmaps", Fixtures.yaml("{metadata: {name: bare}, data: {a: b}}")).expect(201)
        #expect(bare["kind"]?.stringValue == "ConfigMap")
        let yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-yaml\ndata:\n  x: z\n"
        try await cluster.send(.POST, "/api/v1/namespaces/default/configmaps", rawBody: Array(yaml.utf8), contentType: "application/yaml").expect(201)
        let protobuf = try await cluster.send(.POST, "/api/v1/namespaces/default/configmaps", rawBody: [1, 2, 3],
                                              contentType: "application/vnd.kubernetes.protobuf").expect(415)
        #expect(protobuf.reason == "UnsupportedMediaType")
    }

    @Test func updateChecksTheResourceVersion() async throws {
        let cluster = try await TestCluster.start()
        defer { Task { try await cluster.stop() } }
        let created = try await cluster.post("/api/v1/namespaces/default/configmaps", Fixtures.configMap("cfg")).expect(201)
        var changed = created.body
        changed["data"] = .object(["key": .string("new")])
        let updated = try await cluster.put("/api/v1/namespaces/default/configmaps/cfg", changed).expect(200)
        #expect(updated["data", "key"]?.stringValue == "new")
        #expect(updated.body.meta("resourceVersion") != created.body.meta("resourceVersion"))
        #expect(updated.body.meta("uid") == created.body.meta("uid"))
        #expect(updated.body.meta("creationTimestamp") == created.body.meta("creationTimestamp"))

        // The stale copy still carries the first resourceVersion.
        let stale = try await cluster.put("/api/v1/namespaces/default/configmaps/cfg", changed).expect(409)
        #expect(stale.reason == "Conflict")
        #expect(stale.message == "Operation cannot be fulfilled on configmaps \"cfg\": the object has been modified; please apply your changes to the latest version and try again")

        // An empty resourceVersion is an unconditional update.
        var unconditional = changed
        unconditional["metadata"]?["resourceVersion"] = nil
        unconditional["data"] = .object(["key": .string("forced")])
        try await cluster.put("/api/v1/namespaces/default/configmaps/cfg", unconditional).expect(200)

        let wrongName = try await cluster.put("/api/v1/namespaces/default/configmaps/other", unconditional).expect(400)
        #expect(wrongName.message == "the name of the object (cfg) does not match the name on the URL (other)")
        let missing = try await cluster.put("/api/v1/namespaces/default/configmaps/gone",
                                            Fixtures.configMap("gone")).expect(404)
        #expect(missing.message == "configmaps \"gone\" not found")
    }

    @Test func unchangedUpdateWritesNothing() async throws {
        let cluster = try await TestCluster.start()
        defer { Task { try await cluster.stop() } }
        let created = try await cluster.post("/api/v1/namespaces/default/configmaps", Fixtures.configMap("same")).expect(201)
        let before = cluster.store.resourceVersion
        let again = try await cluster.put("/api/v1/namespaces/default/configmaps/same", created.body).expect(200)
        #expect(again.body.meta("resourceVersion") == created.body.meta("resourceVersion"))
        #expect(cluster.store.resourceVersion == before)
    }

    @Test func generationFollowsSpecChangesOnly() async throws {
        let cluster = try await TestCluster.start()
        defer { Task { try await cluster.stop() } }
        let created = try await cluster.post("/apis/policy/v1/namespaces/default/poddisruptionbudgets",
                                             Fixtures.pdb("budget", minAvailable: .int(1))).expect(201)
        #expect(created["metadata", "generation"]?.integerValue == 1)
        let labelled = try await cluster.patch("/apis/policy/v1/namespaces/default/poddisruptionbudgets/budget",
                                               Fixtures.yaml("{metadata: {labels: {team: a}}}")).expect(200)
        #expect(labelled["metadata", "generation"]?.integerValue == 1)
        let respec = try await cluster.patch("/apis/policy/v1/namespaces/default/poddisruptionbudgets/budget",
                                             Fixtures.yaml("{spec: {minAvailable: 2}}")).expect(200)
        #expect(respec["metadata", "generation"]?.integerValue == 2)
    }

    @Test func discoveryAndVersion() async throws {
        let cluster = try await TestCluster.start()
        defer { Task { try await cluster.stop() } }
        let version = try await cluster.get("/version").expect(200)
        #expect(version["gitVersion"]?.stringValue == "v1.32.0")
        let core = try await cluster.get("/api/v1").expect(200)
        let resources = core["resources"]?.arrayValue ?? []
        let pods = try #require(resources.first { $0["name"]?.stringValue == "pods" })
        #expect(pods["namespaced"]?.boolValue == true)
        #expect(pods["kind"]?.stringValue == "Pod")
        #expect(pods["shortNames"]?.arrayValue == [.string("po")])
        #expect(pods["verbs"]?.arrayValue?.contains(.string("watch")) == true)
        #expect(resources.contains { $0["name"]?.stringValue == "pods/status" })
        let eviction = try #require(resources.first { $0["name"]?.stringValue == "pods/eviction" })
        #expect(eviction["group"]?.stringValue == "policy")
        let groups = try await cluster.get("/apis").expect(200)
        let names = groups["groups"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
        #expect(names == ["apps", "policy", "coordination.k8s.io", "karpenter.sh", "karpenter.azure.com"])
        let azure = try await cluster.get("/apis/karpenter.azure.com").expect(200)
        #expect(azure["preferredVersion", "version"]?.stringValue == "v1beta1")
        let karpenter = try await cluster.get("/apis/karpenter.sh/v1").expect(200)
        #expect(karpenter["resources"]?.arrayValue?.contains { $0["name"]?.stringValue == "nodeclaims/status" } == true)
        let health = try await cluster.get("/readyz").expect(200)
        #expect(health.body == .string("ok"))
        let api = try await cluster.get("/api").expect(200)
        #expect(api["versions"]?.arrayValue == [.string("v1")])
    }

    @Test func unsupportedVerbsAre405() async throws {
        let cluster = try await TestCluster.start()
        defer { Task { try await cluster.stop() } }
        let response = try await cluster.send(.POST, "/api/v1/namespaces/default/configmaps/x", body: Fixtures.configMap("x")).expect(405)
        #expect(response.reason == "MethodNotAllowed")
        try await cluster.send(.DELETE, "/api/v1/namespaces").expect(405)
    }

    @Test func aksNodeClassIsServedInBothVersions() async throws {
        let cluster = try await TestCluster.start()
        defer { Task { try await cluster.stop() } }
        let nodeClass = Fixtures.yaml("""
        apiVersion: karpenter.azure.com/v1beta1
        kind: AKSNodeClass
        metadata: {name: default}
        spec: {imageFamily: Ubuntu}
        """)
        try await cluster.post("/apis/karpenter.azure.com/v1beta1/aksnodeclasses", nodeClass).expect(201)
        let alpha = try await cluster.get("/apis/karpenter.azure.com/v1alpha2/aksnodeclasses/default").expect(200)
        #expect(alpha["apiVersion"]?.stringValue == "karpenter.azure.com/v1alpha2")
        #expect(alpha["spec", "imageFamily"]?.stringValue == "Ubuntu")
    }

    @Test func storeIsUsableWithoutHTTP() throws {
        let store = ObjectStore()
        let created = try store.create(Fixtures.configMap("direct"))
        #expect(created.meta("uid") != nil)
        let fetched = try store.get(.configMaps, namespace: "default", name: "direct")
        #expect(fetched == created)
        #expect(throws: APIError.self) { try store.create(Fixtures.configMap("direct")) }
        do {
            _ = try store.get(.pods, namespace: "default", name: "missing")
            Issue.record("expected a 404")
        } catch {
            #expect(error.code == 404)
            #expect(error.message == "pods \"missing\" not found")
        }
    }
}
