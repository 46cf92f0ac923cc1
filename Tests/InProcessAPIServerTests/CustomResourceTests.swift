import InProcessAPIServer
import KarpenterAPI
import Testing

@Suite struct CustomResourceTests {
    private let nodePools = "/apis/karpenter.sh/v1/nodepools"

    @Test func createAppliesSchemaDefaults() async throws {
        let cluster = try await TestCluster.start()
        defer { Task { try await cluster.stop() } }
        let created = try await cluster.post(nodePools, Fixtures.nodePool()).expect(201)
        #expect(created["spec", "disruption", "consolidateAfter"]?.stringValue == "0s")
        #expect(created["spec", "disruption", "consolidationPolicy"]?.stringValue == "WhenEmptyOrUnderutilized")
        #expect(created["spec", "disruption", "budgets"] == Fixtures.yaml("[{nodes: 10%}]"))
        #expect(created["metadata", "generation"]?.integerValue == 1)
    }

    @Test func invalidNodePoolIs422WithFieldPaths() async throws {
        let cluster = try await TestCluster.start()
        defer { Task { try await cluster.stop() } }
        let invalid = try await cluster.post(nodePools, Fixtures.nodePool(weight: 0)).expect(422)
        #expect(invalid.reason == "Invalid")
        #expect(invalid.message == "NodePool.karpenter.sh \"general\" is invalid: spec.weight: Invalid value: 0: spec.weight in body should be greater than or equal to 1")
        #expect(invalid["details", "kind"]?.stringValue == "NodePool")
        #expect(invalid["details", "group"]?.stringValue == "karpenter.sh")
        let cause = try #require(invalid["details", "causes"]?.arrayValue?.first)
        #expect(cause["field"]?.stringValue == "spec.weight")
        #expect(cause["reason"]?.stringValue == "FieldValueInvalid")

        var twoProblems = Fixtures.nodePool(weight: 500)
        twoProblems["spec"]?["template"]?["spec"]?["nodeClassRef"]?["kind"] = nil
        let both = try await cluster.post(nodePools, twoProblems).expect(422)
        #expect(both.message.hasPrefix("NodePool.karpenter.sh \"general\" is invalid: ["))
        #expect((both["details", "causes"]?.arrayValue?.count ?? 0) >= 2)
    }

    @Test func transitionRulesRunOnUpdateWithTheStoredObject() async throws {
        let cluster = try await TestCluster.start()
        defer { Task { try await cluster.stop() } }
        try await cluster.post(nodePools, Fixtures.nodePool()).expect(201)
        let immutable = try await cluster.patch(nodePools + "/general",
                                                Fixtures.yaml("{spec: {template: {spec: {nodeClassRef: {group: example.com}}}}}")).expect(422)
        #expect(immutable.message.contains("spec.template.spec.nodeClassRef: Invalid value: \"object\": nodeClassRef.group is immutable"))
        let updated = try await cluster.patch(nodePools + "/general", Fixtures.yaml("{spec: {weight: 10}}")).expect(200)
        #expect(updated["metadata", "generation"]?.integerValue == 2)
    }

    @Test func unknownFieldsArePrunedWithAWarningOrRefusedWhenStrict() async throws {
        let cluster = try await TestCluster.start()
        defer { Task { try await cluster.stop() } }
        var pool = Fixtures.nodePool()
        pool["spec"]?["surprise"] = .bool(true)
        let warned = try await cluster.post(nodePools, pool).expect(201)
        #expect(warned["spec", "surprise"] == nil)
        #expect(warned.headers["Warning"].first == #"299 - "unknown field \"spec.surprise\"""#)

        pool["metadata"]?["name"] = .string("strict")
        let strict = try await cluster.send(.POST, nodePools + "?fieldValidation=Strict", body: pool).expect(400)
        #expect(strict.message == "NodePool in version \"v1\" cannot be handled as a NodePool: strict decoding error: unknown field \"spec.surprise\"")
    }

    @Test func customResourcesNeedKindAndApiVersion() async throws {
        let cluster = try await TestCluster.start()
        defer { Task { try await cluster.stop() } }
        var pool = Fixtures.nodePool()
        pool["kind"] = nil
        let missing = try await cluster.post(nodePools, pool).expect(400)
        #expect(missing.message.hasPrefix("Object 'Kind' is missing in '"))
    }

    @Test func startingDeletionBumpsTheGeneration() async throws {
        let store = ObjectStore()
        var pool = Fixtures.nodePool()
        pool["metadata"]?["finalizers"] = .array([.string("karpenter.sh/termination")])
        try store.create(pool)
        let server = try await InProcessAPIServer.start(store: store)
        let cluster = TestCluster.attach(to: server)
        defer { Task { try await cluster.stop() } }
        let deleting = try await cluster.delete(nodePools + "/general").expect(200)
        #expect(deleting["metadata", "generation"]?.integerValue == 2)
        #expect(deleting["metadata", "deletionGracePeriodSeconds"]?.integerValue == 0)
        try await cluster.patch(nodePools + "/general", Fixtures.yaml("{metadata: {finalizers: []}}")).expect(200)
        try await cluster.get(nodePools + "/general").expect(404)
    }

    @Test func nodeClaimsAreClusterScopedWithStatus() throws {
        let store = ObjectStore()
        let claim = Fixtures.yaml("""
        apiVersion: karpenter.sh/v1
        kind: NodeClaim
        metadata: {name: general-abc12}
        spec:
          nodeClassRef: {group: karpenter.azure.com, kind: AKSNodeClass, name: default}
          requirements:
          - {key: kubernetes.io/arch, operator: In, values: [amd64]}
        """)
        try store.create(claim)
        let withStatus = try store.patch(.nodeClaims, name: "general-abc12",
                                         patch: Fixtures.yaml("{status: {providerID: 'azure:///x', nodeName: aks-node-1}}"), status: true)
        #expect(withStatus["status"]?["nodeName"]?.stringValue == "aks-node-1")
        #expect(throws: APIError.self) {
            try store.patch(.nodeClaims, name: "general-abc12",
                            patch: Fixtures.yaml("{spec: {nodeClassRef: {name: other}}}"))
        }
    }
}
