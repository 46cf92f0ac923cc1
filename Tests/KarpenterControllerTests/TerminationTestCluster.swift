import Foundation
import InProcessAPIServer
import KarpenterAPI
import KarpenterCloud
import KarpenterController
import KubeClient
import Logging
import SimulatedCloud
import Testing

/// An in-process API server with the simulated cloud (Nodes as instances, their kubelets,
/// optionally kube-scheduler's binder) and a running controller, for termination tests.
final class SimulatedTestCluster: Sendable {
    let server: InProcessAPIServer
    /// The test's own client (the controller and the simulation have theirs).
    let client: KubernetesClient
    let controllerClient: KubernetesClient
    let simulationClient: KubernetesClient
    let cloud: SimulatedCloudProvider
    let kubelet: SimulatedKubelet
    let binder: Binder?
    let controller: ControllerRuntime
    let task: Task<Void, Never>

    static let options: ControllerOptions = {
        var options = TestCluster.fastOptions
        options.drainPollInterval = .milliseconds(250)
        options.minimumDrainTime = .milliseconds(500)
        options.instanceTerminationPollInterval = .milliseconds(200)
        return options
    }()

    init(options: ControllerOptions = SimulatedTestCluster.options, binder withBinder: Bool = false) async throws {
        server = try await InProcessAPIServer.start()
        let config = RESTConfig(server: server.baseURL)
        client = try KubernetesClient(config: config, options: ClientOptions(qps: 0))
        controllerClient = try KubernetesClient(config: config, options: ClientOptions(qps: 0))
        simulationClient = try KubernetesClient(config: config, options: ClientOptions(qps: 0))
        var logger = Logger(label: "test")
        logger.logLevel = ProcessInfo.processInfo.environment["CONTROLLER_TEST_LOG"] == nil ? .critical : .debug
        let unavailable = UnavailableOfferings()
        cloud = SimulatedCloudProvider(client: simulationClient, unavailableOfferings: unavailable, logger: logger)
        kubelet = SimulatedKubelet(client: simulationClient,
                                   options: .init(readyDelay: .milliseconds(200), tick: .milliseconds(100)), logger: logger)
        binder = withBinder ? Binder(client: simulationClient, options: .init(resyncInterval: .milliseconds(500)), logger: logger) : nil
        controller = ControllerRuntime(client: controllerClient, cloudProvider: cloud,
                                       instanceTypes: .fixed(FakeCloudProvider.instanceTypes, description: "test catalog"),
                                       options: options, unavailableOfferings: unavailable, logger: logger)
        await kubelet.start()
        await binder?.start()
        let controller = self.controller
        task = Task { await controller.run() }
    }

    func stop() async {
        task.cancel()
        await task.value
        await binder?.stop()
        await kubelet.stop()
        await client.shutdown()
        await controllerClient.shutdown()
        await simulationClient.shutdown()
        try? await server.shutdown()
    }

    // MARK: Objects

    /// A NodeClaim for a `small` instance, optionally with a terminationGracePeriod.
    static func nodeClaim(_ name: String, terminationGracePeriod: String? = nil, expireAfter: String? = nil) -> JSONValue {
        var spec: [String: JSONValue] = [
            "nodeClassRef": .object(["group": .string("karpenter.azure.com"), "kind": .string("AKSNodeClass"), "name": .string("default")]),
            "requirements": .array([.object(["key": .string("node.kubernetes.io/instance-type"), "operator": .string("In"),
                                             "values": .array([.string("small")])])]),
        ]
        if let terminationGracePeriod { spec["terminationGracePeriod"] = .string(terminationGracePeriod) }
        if let expireAfter { spec["expireAfter"] = .string(expireAfter) }
        return .object([
            "apiVersion": .string("karpenter.sh/v1"), "kind": .string("NodeClaim"),
            "metadata": .object(["name": .string(name), "labels": .object(["karpenter.sh/nodepool": .string("default")])]),
            "spec": .object(.init(uniqueKeysWithValues: spec.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })),
        ])
    }

    /// Creates a NodeClaim and waits until its Node registered (it then carries the termination finalizer).
    func launchNode(_ name: String, terminationGracePeriod: String? = nil) async throws {
        _ = try await client.create(.nodeClaims, Self.nodeClaim(name, terminationGracePeriod: terminationGracePeriod))
        try await wait(.nodeClaimCondition(name, "Registered", "True"))
        try await wait(.nodeReady(name))
    }

    struct PodShape: Sendable {
        var labels: [String: String] = [:]
        var annotations: [String: String] = [:]
        var daemonSet = false
        var priorityClassName: String?
        var toleratesEverything = false
        var terminationGracePeriodSeconds: Int64 = 1
        var cpu = "100m"
    }

    /// A pod bound to `node` (nil: pending, for the binder), in `default`.
    func createPod(_ name: String, on node: String?, _ shape: PodShape = PodShape()) async throws {
        var metadata: [String: JSONValue] = ["name": .string(name), "namespace": .string("default")]
        if !shape.labels.isEmpty { metadata["labels"] = .object(.init(uniqueKeysWithValues: shape.labels.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })) }
        if !shape.annotations.isEmpty {
            metadata["annotations"] = .object(.init(uniqueKeysWithValues: shape.annotations.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }))
        }
        if shape.daemonSet {
            metadata["ownerReferences"] = .array([.object([
                "apiVersion": .string("apps/v1"), "kind": .string("DaemonSet"), "name": .string("agent"),
                "uid": .string("00000000-0000-0000-0000-0000000000d5"), "controller": .bool(true),
            ])])
        }
        var spec: [String: JSONValue] = [
            "containers": .array([.object([
                "name": .string("app"), "image": .string("nginx"),
                "resources": .object(["requests": .object(["cpu": .string(shape.cpu), "memory": .string("128Mi")])]),
            ])]),
            "terminationGracePeriodSeconds": .int(shape.terminationGracePeriodSeconds),
        ]
        if let node { spec["nodeName"] = .string(node) }
        if let priorityClassName = shape.priorityClassName { spec["priorityClassName"] = .string(priorityClassName) }
        if shape.toleratesEverything { spec["tolerations"] = .array([.object(["operator": .string("Exists")])]) }
        let pod: JSONValue = .object([
            "apiVersion": .string("v1"), "kind": .string("Pod"),
            "metadata": .object(.init(uniqueKeysWithValues: metadata.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })),
            "spec": .object(.init(uniqueKeysWithValues: spec.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })),
        ])
        _ = try await client.create(.pods, pod, namespace: "default")
    }

    func createPDB(_ name: String, selector: [String: String], minAvailable: Int? = nil, maxUnavailable: Int? = nil) async throws {
        var spec: [String: JSONValue] = [
            "selector": .object(["matchLabels": .object(.init(uniqueKeysWithValues: selector.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }))]),
        ]
        if let minAvailable { spec["minAvailable"] = .int(Int64(minAvailable)) }
        if let maxUnavailable { spec["maxUnavailable"] = .int(Int64(maxUnavailable)) }
        _ = try await client.create(.podDisruptionBudgets, .object([
            "apiVersion": .string("policy/v1"), "kind": .string("PodDisruptionBudget"),
            "metadata": .object(["name": .string(name), "namespace": .string("default")]),
            "spec": .object(.init(uniqueKeysWithValues: spec.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })),
        ]), namespace: "default")
    }

    /// A NodePool without startup taints (the binder places pods as soon as nodes are Ready).
    func createNodePool(expireAfter: String) async throws {
        _ = try await client.create(.nodePools, .object([
            "apiVersion": .string("karpenter.sh/v1"), "kind": .string("NodePool"),
            "metadata": .object(["name": .string("default")]),
            "spec": .object(["template": .object(["spec": .object([
                "nodeClassRef": .object(["group": .string("karpenter.azure.com"), "kind": .string("AKSNodeClass"), "name": .string("default")]),
                "requirements": .array([.object(["key": .string("kubernetes.io/os"), "operator": .string("In"),
                                                 "values": .array([.string("linux")])])]),
                "expireAfter": .string(expireAfter),
            ])])]),
        ]))
    }

    // MARK: Looking

    /// The store's pods right now (one consistent snapshot, no HTTP).
    func podSnapshot() -> [String: JSONValue] {
        let items = (try? server.store.list(.pods, namespace: "default").items) ?? []
        return Dictionary(items.map { ($0.metadataName, $0) }) { first, _ in first }
    }

    func nodeExists(_ name: String) -> Bool {
        (try? server.store.get(.nodes, name: name)) != nil
    }

    func events(reason: String) -> [JSONValue] {
        ((try? server.store.list(.events).items) ?? []).filter { $0["reason"]?.stringValue == reason }
    }

    /// Messages of the events with `reason` about the object named `name`.
    func eventMessages(reason: String, object name: String) -> [String] {
        events(reason: reason).filter { $0["involvedObject"]?["name"]?.stringValue == name }.compactMap { $0["message"]?.stringValue }
    }

    /// What a test waits for, checked by value (no predicate closures in the poller).
    enum Probe: Sendable, CustomStringConvertible {
        case nodeClaimCondition(String, String, String)
        case nodeClaimGone(String)
        case nodeClaimDeleting(String)
        case nodeReady(String)
        case nodeGone(String)
        case nodeTainted(String)
        case podRunning(String)
        case podGone(String)
        case podDeleting(String)
        case podBoundElsewhere(String, notOn: String)
        case event(reason: String, object: String, containing: String)
        case nodeClaimCount(Int)

        var description: String {
            switch self {
            case .nodeClaimCondition(let name, let type, let status): "nodeclaim \(name) \(type)=\(status)"
            case .nodeClaimGone(let name): "nodeclaim \(name) gone"
            case .nodeClaimDeleting(let name): "nodeclaim \(name) deleting"
            case .nodeReady(let name): "node \(name) Ready"
            case .nodeGone(let name): "node \(name) gone"
            case .nodeTainted(let name): "node \(name) tainted karpenter.sh/disrupted"
            case .podRunning(let name): "pod \(name) running"
            case .podGone(let name): "pod \(name) gone"
            case .podDeleting(let name): "pod \(name) deleting"
            case .podBoundElsewhere(let name, let node): "pod \(name) bound to a node other than \(node)"
            case .event(let reason, let object, let text): "event \(reason) on \(object) containing \"\(text)\""
            case .nodeClaimCount(let count): "\(count) nodeclaims"
            }
        }
    }

    func holds(_ probe: Probe) -> Bool {
        let store = server.store
        switch probe {
        case .nodeClaimCondition(let name, let type, let status):
            guard let claim = try? store.get(.nodeClaims, name: name) else { return false }
            return claim.condition(type) == status
        case .nodeClaimGone(let name):
            return (try? store.get(.nodeClaims, name: name)) == nil
        case .nodeClaimDeleting(let name):
            guard let claim = try? store.get(.nodeClaims, name: name) else { return true }
            return claim["metadata"]?["deletionTimestamp"] != nil
        case .nodeReady(let name):
            guard let node = try? store.get(.nodes, name: name) else { return false }
            let ready = node["status"]?["conditions"]?.arrayValue?.contains {
                $0["type"]?.stringValue == "Ready" && $0["status"]?.stringValue == "True"
            } ?? false
            let taints = node["spec"]?["taints"]?.arrayValue ?? []
            return ready && !taints.contains { ["node.kubernetes.io/not-ready", "karpenter.sh/unregistered"].contains($0["key"]?.stringValue ?? "") }
        case .nodeGone(let name):
            return !nodeExists(name)
        case .nodeTainted(let name):
            guard let node = try? store.get(.nodes, name: name) else { return false }
            return (node["spec"]?["taints"]?.arrayValue ?? []).contains { $0["key"]?.stringValue == "karpenter.sh/disrupted" }
        case .podRunning(let name):
            guard let pod = podSnapshot()[name] else { return false }
            return pod["status"]?["phase"]?.stringValue == "Running" && pod["metadata"]?["deletionTimestamp"] == nil
        case .podGone(let name):
            return podSnapshot()[name] == nil
        case .podDeleting(let name):
            guard let pod = podSnapshot()[name] else { return true }
            return pod["metadata"]?["deletionTimestamp"] != nil
        case .podBoundElsewhere(let name, let node):
            guard let pod = podSnapshot()[name], let bound = pod["spec"]?["nodeName"]?.stringValue else { return false }
            return !bound.isEmpty && bound != node && pod["status"]?["phase"]?.stringValue == "Running"
        case .event(let reason, let object, let text):
            return eventMessages(reason: reason, object: object).contains { $0.contains(text) }
        case .nodeClaimCount(let count):
            return ((try? store.list(.nodeClaims).items) ?? []).count == count
        }
    }

    /// Polls until `probe` holds (wide timeout; no timing is asserted).
    func wait(_ probe: Probe, timeout: Duration = .seconds(20)) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if holds(probe) { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("timed out waiting for \(probe)")
        throw TimedOut(what: probe.description)
    }
}
