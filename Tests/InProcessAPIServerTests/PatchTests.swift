import InProcessAPIServer
import KarpenterAPI
import Testing

@Suite struct PatchTests {
    private let podPath = "/api/v1/namespaces/default/pods/web"

    private func clusterWithPod() async throws -> TestCluster {
        let cluster = try await TestCluster.start()
        var pod = Fixtures.pod("web")
        pod["metadata"]?["finalizers"] = .array([.string("example.com/a")])
        try await cluster.post("/api/v1/namespaces/default/pods", pod).expect(201)
        return cluster
    }

    @Test func mergePatchMergesObjectsAndRemovesNulls() async throws {
        let cluster = try await clusterWithPod()
        defer { Task { try await cluster.stop() } }
        let patched = try await cluster.patch(podPath, Fixtures.yaml("{metadata: {labels: {tier: front, app: null}}}")).expect(200)
        #expect(patched["metadata", "labels"] == .object(["tier": .string("front")]))
    }

    @Test func jsonPatchAppliesOperationsAndFailsATestWith422() async throws {
        let cluster = try await clusterWithPod()
        defer { Task { try await cluster.stop() } }
        let operations = Fixtures.yaml("""
        - {op: test, path: /metadata/labels/app, value: web}
        - {op: add, path: /metadata/annotations, value: {example.com/note: "1"}}
        - {op: add, path: /metadata/finalizers/-, value: example.com/b}
        - {op: replace, path: /spec/containers/0/image, value: "nginx:1.28"}
        """)
        let patched = try await cluster.patch(podPath, operations, type: "application/json-patch+json").expect(200)
        #expect(patched["metadata", "annotations", "example.com/note"]?.stringValue == "1")
        #expect(patched["metadata", "finalizers"]?.arrayValue?.count == 2)
        #expect(patched["spec", "containers"]?.arrayValue?.first?["image"]?.stringValue == "nginx:1.28")

        let failing = try await cluster.patch(podPath, Fixtures.yaml("[{op: test, path: /metadata/labels/app, value: db}]"),
                                              type: "application/json-patch+json").expect(422)
        #expect(failing.reason == "Invalid")
        #expect(failing["details", "causes"]?.arrayValue?.first?["message"]?.stringValue?.contains("test failed") == true)
        let escaped = try await cluster.patch(podPath, Fixtures.yaml("[{op: remove, path: /metadata/annotations/example.com~1note}]"),
                                              type: "application/json-patch+json").expect(200)
        #expect(escaped["metadata", "annotations"] == .object([:]))
    }

    @Test func strategicMergeMergesKeyedLists() async throws {
        let cluster = try await TestCluster.start()
        defer { Task { try await cluster.stop() } }
        let deployment = Fixtures.yaml("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: default, finalizers: [example.com/a]}
        spec:
          replicas: 2
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
              - {name: app, image: "nginx:1.27", env: [{name: A, value: "1"}, {name: B, value: "2"}]}
              - {name: sidecar, image: "envoy:1"}
              tolerations:
              - {key: spot, operator: Exists}
        """)
        let path = "/apis/apps/v1/namespaces/default/deployments/web"
        try await cluster.post("/apis/apps/v1/namespaces/default/deployments", deployment).expect(201)
        let patch = Fixtures.yaml("""
        metadata:
          finalizers: [example.com/b]
        spec:
          template:
            spec:
              containers:
              - name: app
                image: nginx:1.28
                env: [{name: B, value: "3"}, {name: C, value: "4"}]
              tolerations:
              - {key: dedicated, operator: Exists}
        """)
        let patched = try await cluster.patch(path, patch, type: "application/strategic-merge-patch+json").expect(200)
        let containers = patched["spec", "template", "spec", "containers"]?.arrayValue ?? []
        #expect(containers.compactMap { $0["name"]?.stringValue } == ["app", "sidecar"])
        #expect(containers.first?["image"]?.stringValue == "nginx:1.28")
        #expect(containers.first?["env"] == Fixtures.yaml("[{name: A, value: '1'}, {name: B, value: '3'}, {name: C, value: '4'}]"))
        #expect(patched["metadata", "finalizers"] == .array([.string("example.com/a"), .string("example.com/b")]))
        // Tolerations have no merge strategy: replaced.
        #expect(patched["spec", "template", "spec", "tolerations"] == Fixtures.yaml("[{key: dedicated, operator: Exists}]"))
        #expect(patched["metadata", "generation"]?.integerValue == 2)

        let directives = Fixtures.yaml("""
        metadata: {$deleteFromPrimitiveList/finalizers: [example.com/a]}
        spec: {template: {spec: {containers: [{name: sidecar, $patch: delete}]}}}
        """)
        let trimmed = try await cluster.patch(path, directives, type: "application/strategic-merge-patch+json").expect(200)
        #expect(trimmed["metadata", "finalizers"] == .array([.string("example.com/b")]))
        #expect(trimmed["spec", "template", "spec", "containers"]?.arrayValue?.count == 1)

        let podOnly = try await cluster.patch(path, Fixtures.yaml("{spec: {template: {spec: {containers: [{image: x}]}}}}"),
                                              type: "application/strategic-merge-patch+json").expect(400)
        #expect(podOnly.message.contains("does not contain declared merge key: name"))
    }

    @Test func strategicMergeAddsAndDeletesConditionsByType() throws {
        let store = ObjectStore()
        try store.create(Fixtures.node("n1"))
        let add = Fixtures.yaml("{status: {conditions: [{type: Ready, status: 'True'}, {type: MemoryPressure, status: 'False'}]}}")
        try store.patch(.nodes, name: "n1", patch: add, patchType: .strategicMerge, status: true)
        let update = Fixtures.yaml("{status: {conditions: [{type: Ready, status: 'False'}, {type: MemoryPressure, $patch: delete}]}}")
        let node = try store.patch(.nodes, name: "n1", patch: update, patchType: .strategicMerge, status: true)
        #expect(node["status"]?["conditions"] == Fixtures.yaml("[{type: Ready, status: 'False'}]"))
        #expect(node["status"]?["capacity"]?["cpu"]?.stringValue == "4")
    }

    @Test func customResourcesRefuseStrategicMergeAndUnknownTypesAre415() async throws {
        let cluster = try await TestCluster.start()
        defer { Task { try await cluster.stop() } }
        try await cluster.post("/apis/karpenter.sh/v1/nodepools", Fixtures.nodePool()).expect(201)
        let strategic = try await cluster.patch("/apis/karpenter.sh/v1/nodepools/general", Fixtures.yaml("{spec: {weight: 5}}"),
                                                type: "application/strategic-merge-patch+json").expect(415)
        #expect(strategic.reason == "UnsupportedMediaType")
        #expect(strategic.message.hasPrefix("the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json"))
        try await cluster.patch("/apis/karpenter.sh/v1/nodepools/general", Fixtures.yaml("{spec: {weight: 5}}"), type: "text/plain").expect(415)
        try await cluster.patch("/apis/karpenter.sh/v1/nodepools/general", Fixtures.yaml("{spec: {weight: 5}}")).expect(200)
    }

    @Test func patchesCarryingAResourceVersionAreConflictChecked() async throws {
        let cluster = try await clusterWithPod()
        defer { Task { try await cluster.stop() } }
        let stale = try await cluster.patch(podPath, Fixtures.yaml("{metadata: {resourceVersion: '1', labels: {x: z}}}")).expect(409)
        #expect(stale.reason == "Conflict")
        let current = try await cluster.get(podPath).expect(200)
        let version = current.body.meta("resourceVersion") ?? ""
        try await cluster.patch(podPath, Fixtures.yaml("{metadata: {resourceVersion: '\(version)', labels: {x: z}}}")).expect(200)
        try await cluster.patch("/api/v1/namespaces/default/pods/ghost", Fixtures.yaml("{metadata: {labels: {x: z}}}")).expect(404)
    }

    @Test func podSpecIsMostlyImmutable() async throws {
        let cluster = try await clusterWithPod()
        defer { Task { try await cluster.stop() } }
        let forbidden = try await cluster.patch(podPath, Fixtures.yaml("{spec: {nodeName: somewhere}}")).expect(422)
        #expect(forbidden.message.hasPrefix("Pod \"web\" is invalid: spec: Forbidden: pod updates may not change fields other than"))
        try await cluster.patch(podPath, Fixtures.yaml("{spec: {activeDeadlineSeconds: 30}}")).expect(200)
    }

    @Test func statusSubresourceSeparatesSpecAndStatus() async throws {
        let cluster = try await clusterWithPod()
        defer { Task { try await cluster.stop() } }
        // The main resource ignores status...
        var pod = try await cluster.get(podPath).expect(200).body
        #expect(pod["status"]?["phase"]?.stringValue == "Pending")
        pod["status"] = Fixtures.runningReadyStatus()
        pod["metadata"]?["labels"] = .object(["app": .string("web"), "changed": .string("yes")])
        let viaMain = try await cluster.put(podPath, pod).expect(200)
        #expect(viaMain["status", "phase"]?.stringValue == "Pending")
        #expect(viaMain["metadata", "labels", "changed"]?.stringValue == "yes")

        // ...and /status changes nothing but the status.
        var statusUpdate = viaMain.body
        statusUpdate["status"] = Fixtures.runningReadyStatus()
        statusUpdate["metadata"]?["labels"] = .object(["other": .string("x")])
        let viaStatus = try await cluster.put(podPath + "/status", statusUpdate).expect(200)
        #expect(viaStatus["status", "phase"]?.stringValue == "Running")
        #expect(viaStatus["metadata", "labels", "changed"]?.stringValue == "yes")
        #expect(viaStatus["metadata", "labels", "other"] == nil)

        let patchedStatus = try await cluster.patch(podPath + "/status", Fixtures.yaml("{status: {phase: Succeeded}, spec: {nodeName: x}}")).expect(200)
        #expect(patchedStatus["status", "phase"]?.stringValue == "Succeeded")
        #expect(patchedStatus["spec", "nodeName"] == nil)
        try await cluster.get("/api/v1/namespaces/default/configmaps/x/status").expect(404)
    }

    @Test func customResourceStatusIsOnlyWrittenThroughStatus() async throws {
        let cluster = try await TestCluster.start()
        defer { Task { try await cluster.stop() } }
        var pool = Fixtures.nodePool()
        pool["status"] = Fixtures.yaml("{nodes: 3}")
        let created = try await cluster.post("/apis/karpenter.sh/v1/nodepools", pool).expect(201)
        #expect(created["status"] == nil)
        let withStatus = try await cluster.patch("/apis/karpenter.sh/v1/nodepools/general/status",
                                                 Fixtures.yaml("{status: {nodes: 3}, spec: {weight: 9}}")).expect(200)
        #expect(withStatus["status", "nodes"]?.integerValue == 3)
        #expect(withStatus["spec", "weight"] == nil)
        #expect(withStatus["metadata", "generation"]?.integerValue == 1)
    }
}
