import Foundation
import InProcessAPIServer
import KarpenterAPI
import KarpenterCloud
import KarpenterController
import KubeClient
import Logging
import Testing

/// An in-process API server, a client for it, the fake cloud and a running controller.
final class TestCluster: Sendable {
    let server: InProcessAPIServer
    let client: KubernetesClient
    let cloud: FakeCloudProvider
    let controller: ControllerRuntime
    let task: Task<Void, Never>

    static let fastOptions = ControllerOptions(
        // A window wide enough that pods created one after another on a loaded machine share a batch.
        batchIdleDuration: .seconds(1), batchMaxDuration: .seconds(3), registrationTTL: .seconds(600),
        garbageCollectionInterval: .milliseconds(300), orphanMinimumAge: .seconds(60), pendingPodRecheck: .milliseconds(300),
        workers: 2, bindHost: "127.0.0.1", metricsPort: nil, healthPort: nil,
        // Node termination: a short minimum drain time and quick polls keep deletions fast.
        drainPollInterval: .milliseconds(250), minimumDrainTime: .milliseconds(500),
        instanceTerminationPollInterval: .milliseconds(200),
        // Off unless a test is about disruption: empty nodes must not vanish under other tests.
        disruption: DisruptionSettings(enabled: false))

    init(options: ControllerOptions = TestCluster.fastOptions, cloud: FakeCloudProvider = FakeCloudProvider(),
         leadership: (any Leadership)? = nil) async throws {
        server = try await InProcessAPIServer.start()
        client = try KubernetesClient(config: RESTConfig(server: server.baseURL))
        self.cloud = cloud
        controller = Self.replica(client: client, cloud: cloud, options: options, leadership: leadership)
        let controller = self.controller
        task = Task { await controller.run() }
    }

    /// A controller on this cluster's client and cloud (another replica, with its own elector).
    static func replica(client: KubernetesClient, cloud: FakeCloudProvider, options: ControllerOptions = fastOptions,
                        leadership: (any Leadership)?) -> ControllerRuntime {
        var logger = Logger(label: "test")
        logger.logLevel = ProcessInfo.processInfo.environment["CONTROLLER_TEST_LOG"] == nil ? .critical : .debug
        return ControllerRuntime(client: client, cloudProvider: cloud,
                                 instanceTypes: .fixed(FakeCloudProvider.instanceTypes, description: "test catalog"),
                                 options: options, leadership: leadership, logger: logger)
    }

    func stop() async {
        task.cancel()
        await task.value
        await client.shutdown()
        try? await server.shutdown()
    }

    // MARK: Objects

    func createNodePool(_ name: String = "default", limits: [String: String]? = nil) async throws {
        var spec: [String: JSONValue] = [
            "template": .object([
                "metadata": .object(["labels": .object(["team": .string("web")])]),
                "spec": .object([
                    "nodeClassRef": .object(["group": .string("karpenter.azure.com"), "kind": .string("AKSNodeClass"),
                                             "name": .string("default")]),
                    "requirements": .array([.object(["key": .string("kubernetes.io/os"), "operator": .string("In"),
                                                     "values": .array([.string("linux")])])]),
                    "startupTaints": .array([.object(["key": .string("example.com/agent"), "effect": .string("NoSchedule")])]),
                ]),
            ]),
        ]
        if let limits { spec["limits"] = .object(.init(uniqueKeysWithValues: limits.map { ($0.key, JSONValue.string($0.value)) })) }
        _ = try await client.create(.nodePools, .object([
            "apiVersion": .string("karpenter.sh/v1"), "kind": .string("NodePool"),
            "metadata": .object(["name": .string(name)]), "spec": .object(.init(uniqueKeysWithValues: spec.map { ($0.key, $0.value) })),
        ]))
    }

    /// A pod kube-scheduler could not place (PodScheduled=False, Unschedulable).
    func createPendingPod(_ name: String, cpu: String = "1", namespace: String = "default") async throws {
        let pod: JSONValue = .object([
            "apiVersion": .string("v1"), "kind": .string("Pod"),
            "metadata": .object(["name": .string(name), "namespace": .string(namespace)]),
            "spec": .object(["containers": .array([.object([
                "name": .string("app"), "image": .string("nginx"),
                "resources": .object(["requests": .object(["cpu": .string(cpu), "memory": .string("1Gi")])]),
            ])])]),
        ])
        _ = try await client.create(.pods, pod, namespace: namespace)
        let status: JSONValue = .object(["status": .object(["phase": .string("Pending"), "conditions": .array([.object([
            "type": .string("PodScheduled"), "status": .string("False"), "reason": .string("Unschedulable"),
            "message": .string("0/0 nodes are available"),
        ])])])])
        _ = try await client.patch(.pods, name: name, namespace: namespace, .merge(status), subresource: "status")
    }

    /// The Node a kubelet would register for `providerID`, Ready, still carrying its startup taints.
    func registerNode(_ name: String, providerID: String, ready: Bool = true, taints: [(String, String)]) async throws {
        let node: JSONValue = .object([
            "apiVersion": .string("v1"), "kind": .string("Node"),
            "metadata": .object(["name": .string(name), "labels": .object(["kubernetes.io/hostname": .string(name)])]),
            "spec": .object(["providerID": .string(providerID),
                             "taints": .array(taints.map { .object(["key": .string($0.0), "effect": .string($0.1)]) })]),
        ])
        _ = try await client.create(.nodes, node)
        try await setNodeStatus(name, ready: ready)
    }

    func setNodeStatus(_ name: String, ready: Bool) async throws {
        let status: JSONValue = .object(["status": .object([
            "capacity": .object(["cpu": .string("4"), "memory": .string("16Gi"), "pods": .string("110")]),
            "allocatable": .object(["cpu": .string("3900m"), "memory": .string("15872Mi"), "pods": .string("110")]),
            "conditions": .array([.object(["type": .string("Ready"), "status": .string(ready ? "True" : "False")])]),
        ])])
        _ = try await client.patch(.nodes, name: name, .merge(status), subresource: "status")
    }

    func nodeClaims() async throws -> [JSONValue] {
        try await client.list(.nodeClaims).items
    }

    func schedulingPasses(of controller: ControllerRuntime? = nil) -> Int {
        let text = (controller ?? self.controller).metrics.registry.render()
        for line in text.split(separator: "\n") where line.hasPrefix("karpenter_scheduler_scheduling_duration_seconds_count") {
            return Int(line.split(separator: " ").last ?? "0") ?? 0
        }
        return 0
    }
}

/// Polls `condition` until it holds (generous timeout; no timing is asserted).
func eventually<T>(_ what: String, timeout: Duration = .seconds(20),
                   _ condition: () async throws -> T?) async throws -> T {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if let value = try await condition() { return value }
        try await Task.sleep(for: .milliseconds(50))
    }
    Issue.record("timed out waiting for \(what)")
    throw TimedOut(what: what)
}

struct TimedOut: Error { let what: String }

extension JSONValue {
    func condition(_ type: String) -> String? {
        self["status"]?["conditions"]?.arrayValue?.first { $0["type"]?.stringValue == type }?["status"]?.stringValue
    }
    var metadataName: String { self["metadata"]?["name"]?.stringValue ?? "" }
    var finalizerList: [String] { self["metadata"]?["finalizers"]?.arrayValue?.compactMap(\.stringValue) ?? [] }
}
