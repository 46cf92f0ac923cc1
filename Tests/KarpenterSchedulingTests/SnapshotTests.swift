import KarpenterAPI
@testable import KarpenterScheduling
import XCTest

final class SnapshotTests: XCTestCase {
    private let nodePool = """
    apiVersion: karpenter.sh/v1
    kind: NodePool
    metadata: {name: general}
    spec:
      template:
        spec:
          nodeClassRef: {group: karpenter.azure.com, kind: AKSNodeClass, name: default}
          requirements:
            - {key: karpenter.sh/capacity-type, operator: In, values: [on-demand]}
    """

    private let nodeClass = """
    apiVersion: karpenter.azure.com/v1beta1
    kind: AKSNodeClass
    metadata: {name: default}
    spec: {}
    """

    private func catalog() -> [InstanceType] {
        [InstanceType(name: "small", requirements: Requirements([.in(SchedulingLabel.instanceType, ["small"]), .in(SchedulingLabel.zone, ["z1"]),
                                                                 .in(SchedulingLabel.capacityType, ["on-demand"])]),
                      capacity: ResourceVector(cpuMillis: 4000, memoryBytes: 16 << 30, pods: 110), overhead: InstanceTypeOverhead(),
                      offerings: [Offering(zone: "z1", capacityType: "on-demand", price: 0.2, available: true)])]
    }

    private func build(_ documents: String...) throws -> SnapshotBuild {
        let files = try documents.enumerated().map { index, text in
            ManifestFile(name: "file\(index).yaml", documents: try ManifestParser.parse(text: text))
        }
        return SnapshotBuilder(source: .fixed(catalog(), description: "test catalog")).build(files)
    }

    private func names(_ pods: [Pod]) -> [String] {
        pods.map { "\($0.metadata.namespace ?? "")/\($0.metadata.name ?? "")" }
    }

    func testExpandsWorkloadsToTheirReplicasInInputOrder() throws {
        let result = try build("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec:
          replicas: 3
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: c, resources: {requests: {cpu: 500m}}}]}
        ---
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: db}
        spec:
          replicas: 2
          template: {spec: {containers: [{name: c}]}}
        ---
        apiVersion: batch/v1
        kind: Job
        metadata: {name: report}
        spec:
          parallelism: 5
          completions: 2
          template: {spec: {containers: [{name: c}]}}
        ---
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata: {name: rs}
        spec:
          template: {spec: {containers: [{name: c}]}}
        """)
        XCTAssertEqual(names(result.snapshot.pendingPods),
                       ["shop/web-0", "shop/web-1", "shop/web-2", "default/db-0", "default/db-1", "default/report-0", "default/report-1", "default/rs-0"])
        let web = result.snapshot.pendingPods[0]
        XCTAssertEqual(web.metadata.labels?["app"], "web")
        XCTAssertNotNil(web.metadata.labels?["pod-template-hash"])
        XCTAssertEqual(web.metadata.ownerReferences?.first?.kind, "ReplicaSet")
        XCTAssertTrue(PodEligibility.isProvisionable(web), "offline, every unbound pod is marked unschedulable by kube-scheduler")
        XCTAssertEqual(result.snapshot.pendingPods[3].metadata.labels?["statefulset.kubernetes.io/pod-name"], "db-0")
        XCTAssertEqual(result.podOrigins["shop/web-2"]?.owner, "Deployment/web")
        XCTAssertEqual(PodRequests.of(web).cpuMillis, 500)
        XCTAssertEqual(PodRequests.of(web).pods, 1)
        let times = result.snapshot.pendingPods.compactMap(\.metadata.creationTimestamp)
        XCTAssertEqual(times, times.sorted(), "creation times keep the input order")
    }

    func testDoesNotExpandAWorkloadWhosePodsAreInTheInput() throws {
        let result = try build("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec: {replicas: 3, template: {spec: {containers: [{name: c}]}}}
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: web-7d9f-abcde
          ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-7d9f, uid: u1}]
        spec: {containers: [{name: c}]}
        """)
        XCTAssertEqual(names(result.snapshot.pendingPods), ["default/web-7d9f-abcde"])
        XCTAssertTrue(result.diagnostics.contains { $0.severity == .note && $0.message.contains("not expanded") })
    }

    func testBoundPodsGoToTheirNodesAndOthersArePending() throws {
        let result = try build("""
        apiVersion: v1
        kind: Node
        metadata: {name: aks-1, labels: {kubernetes.io/hostname: aks-1}}
        status: {allocatable: {cpu: "4", memory: 16Gi, pods: "110"}}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: running}
        spec: {nodeName: aks-1, containers: [{name: c}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: elsewhere}
        spec: {nodeName: aks-9, containers: [{name: c}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: waiting}
        spec: {containers: [{name: c}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: ds-pod
          ownerReferences: [{apiVersion: apps/v1, kind: DaemonSet, name: agent, uid: u2}]
        spec: {containers: [{name: c}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: done}
        spec: {containers: [{name: c}]}
        status: {phase: Succeeded}
        """)
        XCTAssertEqual(names(result.snapshot.pendingPods), ["default/waiting"])
        XCTAssertEqual(result.snapshot.existingNodes.count, 1)
        XCTAssertEqual(result.snapshot.existingNodes[0].name, "aks-1")
        XCTAssertEqual(names(result.snapshot.existingNodes[0].pods), ["default/running"])
        XCTAssertEqual(names(result.snapshot.otherPods), ["default/elsewhere"])
        XCTAssertTrue(result.diagnostics.contains { $0.severity == .warning && $0.message.contains("aks-9") })
    }

    func testNodePoolsAreDefaultedAndGetTheCatalog() throws {
        let result = try build(nodePool, nodeClass)
        let pool = try XCTUnwrap(result.snapshot.nodePools.first)
        XCTAssertEqual(pool.spec.disruption.consolidateAfter, "0s", "API server defaults applied")
        XCTAssertEqual(result.snapshot.instanceTypes["general"]?.map(\.name), ["small"])
        XCTAssertEqual(result.nodePools.first?.instanceTypeCount, 1)
        XCTAssertNil(result.nodePools.first?.problem)
        XCTAssertEqual(pool.status?.conditions?.first { $0.type == "Ready" }?.status, .true)
        XCTAssertTrue(result.errors.isEmpty, "\(result.diagnostics)")
    }

    func testUserCatalogNeedsNoNodeClass() throws {
        let result = try build(nodePool)
        XCTAssertEqual(result.snapshot.instanceTypes["general"]?.map(\.name), ["small"])
        XCTAssertNil(result.nodePools.first?.problem)
    }

    func testNodePoolWithoutItsNodeClassGetsNoInstanceTypesAndSaysWhy() throws {
        let source = InstanceTypeSource(description: "node-class-shaped catalog", wellKnownLabels: SchedulingLabel.core,
                                        nodeClassKind: KarpenterKind.aksNodeClass) { [types = catalog()] _ in types }
        var files: [ManifestFile] = []
        for (index, text) in [nodePool].enumerated() {
            files.append(ManifestFile(name: "file\(index).yaml", documents: try ManifestParser.parse(text: text)))
        }
        let result = SnapshotBuilder(source: source).build(files)
        XCTAssertEqual(result.snapshot.instanceTypes["general"]?.count, 0)
        let summary = try XCTUnwrap(result.nodePools.first)
        XCTAssertEqual(summary.problem, "AKSNodeClass/default is not in the input")
        XCTAssertEqual(result.snapshot.nodePools.first?.status?.conditions?.first { $0.type == "Ready" }?.status, .false)
        let warning = try XCTUnwrap(result.diagnostics.first { $0.severity == .warning })
        XCTAssertEqual(warning.file, "file0.yaml")
        XCTAssertEqual(warning.location?.line, 7, "points at nodeClassRef")
    }

    func testInvalidNodePoolIsReportedWithItsLineNotSilentlyDropped() throws {
        let result = try build(nodeClass, """
        apiVersion: karpenter.sh/v1
        kind: NodePool
        metadata: {name: broken}
        spec:
          weight: 0
          template:
            spec:
              nodeClassRef: {group: karpenter.azure.com, kind: AKSNodeClass, name: default}
              requirements: []
        """)
        XCTAssertTrue(result.snapshot.nodePools.isEmpty)
        let error = try XCTUnwrap(result.errors.first)
        XCTAssertEqual(error.file, "file1.yaml")
        XCTAssertEqual(error.location?.line, 5)
        XCTAssertEqual(error.object, "NodePool/broken")
        XCTAssertTrue(error.description.hasPrefix("file1.yaml:5:"), error.description)
        XCTAssertTrue(error.message.contains("spec.weight"), error.message)
    }

    func testUndecodablePodNamesTheFieldAndLine() throws {
        let result = try build("""
        apiVersion: v1
        kind: Pod
        metadata: {name: bad}
        spec:
          containers: "not a list"
        """)
        XCTAssertTrue(result.snapshot.pendingPods.isEmpty)
        let error = try XCTUnwrap(result.errors.first)
        XCTAssertEqual(error.location?.line, 5)
        XCTAssertTrue(error.message.contains("spec.containers"), error.message)
    }

    func testAbsurdReplicaCountIsRefused() throws {
        let result = try build("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: huge}
        spec: {replicas: 100000000, template: {spec: {containers: [{name: c}]}}}
        """)
        XCTAssertTrue(result.snapshot.pendingPods.isEmpty)
        XCTAssertTrue(result.errors.first?.message.contains("replicas") ?? false)
    }

    func testPodLookupFindsWorkloadPodsAndSuggestsNamespaces() throws {
        let result = try build("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec: {replicas: 2, template: {spec: {containers: [{name: c}]}}}
        """)
        XCTAssertEqual(PodLookup.find("web-1", namespace: "shop", in: result), .found("shop/web-1", note: nil))
        guard case .found("shop/web-0", let note) = PodLookup.find("web", namespace: "shop", in: result) else {
            return XCTFail("a workload name explains its first pod")
        }
        XCTAssertNotNil(note)
        guard case .notFound(let message) = PodLookup.find("web-1", namespace: nil, in: result) else { return XCTFail() }
        XCTAssertTrue(message.contains("-n shop"), message)
    }

    func testEffectiveRequestsCountInitContainersAndSidecars() throws {
        let pod = try ManifestParser.parse(text: """
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          initContainers:
            - {name: sidecar, restartPolicy: Always, resources: {requests: {cpu: 100m}}}
            - {name: migrate, resources: {requests: {cpu: "2"}}}
          containers:
            - {name: app, resources: {limits: {cpu: 500m, memory: 1Gi}}}
        """)[0].value.decode(Pod.self)
        let requests = PodRequests.of(pod)
        XCTAssertEqual(requests.cpuMillis, 2100, "the init container runs beside the sidecar started before it")
        XCTAssertEqual(requests.memoryBytes, 1 << 30, "limits stand in for missing requests")
    }
}
