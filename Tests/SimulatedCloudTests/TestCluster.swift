import Foundation
import InProcessAPIServer
import KarpenterAPI
import KarpenterAzure
import KarpenterCloud
import KarpenterScheduling
import KubeClient
import SimulatedCloud

/// An in-process API server over plain HTTP and a client for it; always shut down.
struct TestCluster {
    let server: InProcessAPIServer
    let client: KubernetesClient

    static func with<T: Sendable>(_ body: (TestCluster) async throws -> T) async throws -> T {
        let server = try await InProcessAPIServer.start(.init(bookmarkInterval: .milliseconds(200)))
        let client = try KubernetesClient(config: RESTConfig(server: server.baseURL))
        let cluster = TestCluster(server: server, client: client)
        do {
            let result = try await body(cluster)
            await client.shutdown()
            try await server.shutdown()
            return result
        } catch {
            await client.shutdown()
            try? await server.shutdown()
            throw error
        }
    }

    func node(_ name: String) async throws -> JSONValue? {
        do { return try await client.get(.nodes, name: name) } catch let error where error.kubeStatus?.isNotFound == true { return nil }
    }

    func leaseRenewTime(_ node: String) async throws -> String? {
        do {
            return try await client.get(.leases, name: node, namespace: "kube-node-lease")["spec"]?["renewTime"]?.stringValue
        } catch let error where error.kubeStatus?.isNotFound == true {
            return nil
        }
    }

    func waitForLeaseRenewal(_ node: String, after first: String?) async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            let current = try await leaseRenewTime(node)
            if current != nil && current != first { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return false
    }

    /// Polls the pod until it is in `state`. (The states are values, not closures: closures
    /// handed to async helpers were seen to misbehave under parallel tests with Swift 6.3.1.)
    func waitForPod(_ name: String, _ state: PodState, namespace: String = "default",
                    timeout: Duration = .seconds(30)) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if state.holds(for: try await pod(name, namespace: namespace)) { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return state.holds(for: try await pod(name, namespace: namespace))
    }

    /// Polls the node until it is Ready and without the not-ready taint.
    func waitForNodeReady(_ name: String, timeout: Duration = .seconds(30)) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let node = try await node(name), node.isReady { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return false
    }

    /// What Karpenter's registration does to the taint; retried on conflicts with the kubelet.
    func removeTaint(_ key: String, fromNode name: String) async throws {
        for _ in 0..<20 {
            guard let current = try await node(name) else { return }
            if try await updateNode(current.removingTaint(key)) { return }
        }
    }

    /// false on a conflict.
    private func updateNode(_ object: JSONValue) async throws -> Bool {
        do {
            _ = try await client.update(.nodes, object)
            return true
        } catch let error where error.kubeStatus?.isConflict == true {
            return false
        }
    }

    func pod(_ name: String, namespace: String = "default") async throws -> JSONValue? {
        do { return try await client.get(.pods, name: name, namespace: namespace) } catch let error where error.kubeStatus?.isNotFound == true { return nil }
    }
}

/// The embedded eastus catalog, derived once.
enum Catalog {
    static let eastus: [InstanceType] = (try? AzureCatalog.embedded(region: "eastus")) ?? []

    static func types(_ names: Set<String>) -> [InstanceType] { eastus.filter { names.contains($0.name) } }
}

func requirement(_ key: String, _ op: NodeSelectorOperator, _ values: [String]) -> NodeSelectorRequirementWithMinValues {
    NodeSelectorRequirementWithMinValues(key: key, operator: op, values: values)
}

func nodeClaim(_ name: String, types: [String] = ["Standard_D2s_v3", "Standard_D4s_v3"], zone: String = "eastus-1",
               labels: [String: String] = ["karpenter.sh/nodepool": "default", "team": "a"],
               taints: [Taint] = [], startupTaints: [Taint] = [], cpu: String = "500m") -> NodeClaim {
    NodeClaim(
        metadata: ObjectMeta(name: name, labels: labels),
        spec: NodeClaimSpec(
            requirements: [
                requirement(WellKnownLabel.instanceType, .in, types),
                requirement(WellKnownLabel.capacityType, .in, ["on-demand"]),
                requirement(WellKnownLabel.zone, .in, [zone]),
                requirement(WellKnownLabel.nodePool, .in, ["default"]),
            ],
            taints: taints, startupTaints: startupTaints,
            resources: NodeClaimResources(requests: ["cpu": try! Quantity(parsing: cpu)])))
}

func launchRequest(_ claim: NodeClaim, types: [InstanceType]? = nil) -> LaunchRequest {
    LaunchRequest(nodeClaim: claim, nodeClass: nil, instanceTypes: types ?? Catalog.eastus)
}

func podObject(_ name: String, cpu: String = "100m", nodeName: String? = nil, nodeSelector: [String: String] = [:],
               tolerations: [JSONValue] = [], gracePeriod: Int64? = nil, namespace: String = "default") -> JSONValue {
    var spec: JSONValue = .object([
        "containers": .array([.object([
            "name": .string("app"), "image": .string("nginx:1.27"),
            "resources": .object(["requests": .object(["cpu": .string(cpu), "memory": .string("64Mi")])]),
        ])]),
    ])
    if let nodeName { spec["nodeName"] = .string(nodeName) }
    if !nodeSelector.isEmpty { spec["nodeSelector"] = .object(.init(uniqueKeysWithValues: nodeSelector.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })) }
    if !tolerations.isEmpty { spec["tolerations"] = .array(tolerations) }
    if let gracePeriod { spec["terminationGracePeriodSeconds"] = .int(gracePeriod) }
    return .object([
        "apiVersion": .string("v1"), "kind": .string("Pod"),
        "metadata": .object(["name": .string(name), "namespace": .string(namespace)]),
        "spec": spec,
    ])
}

/// A plain Ready node, as a test sets one up for the binder.
func readyNode(_ name: String, cpu: String, labels: [String: String] = [:], taints: [Taint] = []) -> JSONValue {
    var labelObject: [String: JSONValue] = ["kubernetes.io/hostname": .string(name)]
    for (key, value) in labels { labelObject[key] = .string(value) }
    var node: JSONValue = .object([
        "apiVersion": .string("v1"), "kind": .string("Node"),
        "metadata": .object(["name": .string(name), "labels": .object(.init(uniqueKeysWithValues: labelObject.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }))]),
        "spec": .object([:]),
        "status": .object([
            "capacity": .object(["cpu": .string(cpu), "memory": .string("8Gi"), "pods": .string("110")]),
            "allocatable": .object(["cpu": .string(cpu), "memory": .string("8Gi"), "pods": .string("110")]),
            "conditions": .array([.object(["type": .string("Ready"), "status": .string("True"), "reason": .string("KubeletReady")])]),
        ]),
    ])
    if !taints.isEmpty {
        node["spec"]?["taints"] = .array(taints.map { .object(["key": .string($0.key), "value": .string($0.value ?? ""), "effect": .string($0.effect.rawValue)]) })
    }
    return node
}

enum PodState: Sendable {
    case gone
    case schedulingMessage(String)
    case scheduledOn(String)
    case running
    case runningOn(String)

    func holds(for pod: JSONValue?) -> Bool {
        switch self {
        case .gone:
            return pod == nil
        case .schedulingMessage(let message):
            return pod?.condition("PodScheduled")?["message"]?.stringValue == message
        case .scheduledOn(let node):
            return pod?.nodeName == node && pod?.condition("PodScheduled")?["status"]?.stringValue == "True"
        case .running:
            return pod?["status"]?["phase"]?.stringValue == "Running" && pod?.condition("Ready")?["status"]?.stringValue == "True"
        case .runningOn(let node):
            return pod?.nodeName == node && PodState.running.holds(for: pod)
        }
    }
}

extension JSONValue {
    var isReady: Bool {
        condition("Ready")?["status"]?.stringValue == "True" && !taintStrings.contains("node.kubernetes.io/not-ready=:NoSchedule")
    }

    func removingTaint(_ key: String) -> JSONValue {
        var copy = self
        let taints = copy["spec"]?["taints"]?.arrayValue ?? []
        copy["spec"]?["taints"] = .array(taints.filter { $0["key"]?.stringValue != key })
        return copy
    }

    var nodeName: String? { self["spec"]?["nodeName"]?.stringValue }

    var labels: [String: String] {
        var result: [String: String] = [:]
        for (key, value) in self["metadata"]?["labels"]?.objectValue ?? [:] { result[key] = value.stringValue }
        return result
    }

    var taintStrings: [String] {
        (self["spec"]?["taints"]?.arrayValue ?? []).map {
            "\($0["key"]?.stringValue ?? "")=\($0["value"]?.stringValue ?? ""):\($0["effect"]?.stringValue ?? "")"
        }
    }

    func condition(_ type: String) -> JSONValue? {
        self["status"]?["conditions"]?.arrayValue?.first { $0["type"]?.stringValue == type }
    }
}

