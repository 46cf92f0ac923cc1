import Foundation
import InProcessAPIServer
import KarpenterAPI
import XCTest

/// Objects for `disrupt node`, `drain node` and `explain node` against the in-process API
/// server: initialized Karpenter nodes whose NodeClaims are consolidatable, an AKS system node,
/// PDBs, do-not-disrupt pods and Karpenter events. Times are relative to the wall clock, as
/// the plugin plans at its own `now`.
enum DisruptNodeFixtures {
    static func timestamp(_ offset: TimeInterval) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date().addingTimeInterval(offset))
    }

    static func nodePool(_ name: String = "general", consolidateAfter: String = "0s", budgets: String = "[{nodes: \"10%\"}]") -> String {
        """
        apiVersion: karpenter.sh/v1
        kind: NodePool
        metadata: {name: \(name)}
        spec:
          disruption: {consolidationPolicy: WhenEmptyOrUnderutilized, consolidateAfter: \(consolidateAfter), budgets: \(budgets)}
          template:
            spec:
              expireAfter: 720h
              nodeClassRef: {group: karpenter.azure.com, kind: AKSNodeClass, name: default}
              requirements:
                - {key: kubernetes.io/arch, operator: In, values: [amd64]}
                - {key: karpenter.sh/capacity-type, operator: In, values: [on-demand]}
        """
    }

    /// A Karpenter node and its initialized NodeClaim (Initialized an hour ago). With
    /// `finalizer` the NodeClaim carries karpenter.sh/termination, so deleting it leaves it
    /// terminating until the test (standing in for the controller) removes the finalizer.
    static func karpenterNode(_ name: String, pool: String = "general", type: String = "Standard_D4s_v5", zone: String = "eastus-1",
                              cpu: String = "4", allocatableCPU: String = "3860m", finalizer: Bool = false,
                              lastPodEvent: String? = nil) -> String {
        let labels = "{karpenter.sh/nodepool: \(pool), node.kubernetes.io/instance-type: \(type), topology.kubernetes.io/zone: \(zone), "
            + "topology.kubernetes.io/region: eastus, karpenter.sh/capacity-type: on-demand, kubernetes.io/arch: amd64, kubernetes.io/os: linux"
        return """
        apiVersion: karpenter.sh/v1
        kind: NodeClaim
        metadata:
          name: \(name)
          labels: \(labels)}
        \(finalizer ? "  finalizers: [karpenter.sh/termination]\n" : "")spec:
          nodeClassRef: {group: karpenter.azure.com, kind: AKSNodeClass, name: default}
          requirements:
            - {key: node.kubernetes.io/instance-type, operator: In, values: [\(type)]}
        status:
          nodeName: \(name)
          providerID: azure:///subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/\(name)
          capacity: {cpu: "\(cpu)", memory: 16Gi, pods: "110"}
          allocatable: {cpu: \(allocatableCPU), memory: 12Gi, pods: "110"}
        \(lastPodEvent.map { "  lastPodEventTime: \"\($0)\"\n" } ?? "")  conditions:
            - {type: Launched, status: "True", reason: Launched, lastTransitionTime: "\(timestamp(-3700))"}
            - {type: Registered, status: "True", reason: Registered, lastTransitionTime: "\(timestamp(-3650))"}
            - {type: Initialized, status: "True", reason: Initialized, lastTransitionTime: "\(timestamp(-3600))"}
            - {type: Ready, status: "True", reason: Ready, lastTransitionTime: "\(timestamp(-3600))"}
        ---
        apiVersion: v1
        kind: Node
        metadata:
          name: \(name)
          labels: \(labels), karpenter.sh/registered: "true", karpenter.sh/initialized: "true", kubernetes.io/hostname: \(name)}
        spec:
          providerID: azure:///subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/\(name)
        status:
          capacity: {cpu: "\(cpu)", memory: 16Gi, pods: "110"}
          allocatable: {cpu: \(allocatableCPU), memory: 12Gi, pods: "110"}
          conditions: [{type: Ready, status: "True"}]
        """
    }

    /// An AKS node-pool node: no NodeClaim, so Karpenter does not manage it.
    static let systemNode = """
    apiVersion: v1
    kind: Node
    metadata:
      name: aks-system-12345678-vmss000000
      labels: {kubernetes.azure.com/agentpool: system, node.kubernetes.io/instance-type: Standard_D2s_v5, topology.kubernetes.io/zone: eastus-1,
               topology.kubernetes.io/region: eastus, kubernetes.io/arch: amd64, kubernetes.io/os: linux}
    spec: {providerID: "azure:///subscriptions/s/resourceGroups/mc/providers/Microsoft.Compute/virtualMachineScaleSets/aks-system/virtualMachines/0"}
    status:
      allocatable: {cpu: 1900m, memory: 5632Mi, pods: "30"}
      conditions: [{type: Ready, status: "True"}]
    """

    static func pod(_ name: String, node: String, cpu: String = "1", labels: String = "{app: web}", annotations: String? = nil,
                    spec: String = "") -> String {
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: \(name)
          namespace: apps
          labels: \(labels)
        \(annotations.map { "  annotations: \($0)\n" } ?? "")  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: \(name)-rs, uid: rs-\(name), controller: true}]
        spec:
          nodeName: \(node)
        \(spec.isEmpty ? "" : "  " + spec + "\n")  containers:
            - {name: app, image: nginx, resources: {requests: {cpu: "\(cpu)", memory: 1Gi}}}
        status:
          phase: Running
          startTime: "\(timestamp(-3000))"
          conditions: [{type: Ready, status: "True"}, {type: PodScheduled, status: "True"}]
        """
    }

    /// A PDB that allows no disruption now (maxUnavailable 0; the server computes its status).
    static func blockingPDB(_ name: String = "web", app: String = "web") -> String {
        """
        apiVersion: policy/v1
        kind: PodDisruptionBudget
        metadata: {name: \(name), namespace: apps}
        spec:
          maxUnavailable: 0
          selector: {matchLabels: {app: \(app)}}
        """
    }

    /// An event Karpenter recorded about a Node or NodeClaim.
    static func event(_ name: String, kind: String, object: String, reason: String, message: String, type: String = "Normal") -> String {
        """
        apiVersion: v1
        kind: Event
        metadata: {name: \(name), namespace: default}
        involvedObject: {kind: \(kind), name: \(object)\(kind == "NodeClaim" ? ", apiVersion: karpenter.sh/v1" : "")}
        type: \(type)
        reason: \(reason)
        message: "\(message)"
        source: {component: karpenter}
        count: 2
        firstTimestamp: "\(timestamp(-600))"
        lastTimestamp: "\(timestamp(-60))"
        """
    }

    /// The plugin run against a fresh cluster holding `yaml`.
    static func run(_ yaml: [String], _ arguments: [String]) async throws -> PluginProcess.Outcome {
        try await withCluster(yaml) { try $0.plugin(arguments) }
    }

    static func withCluster<T>(_ yaml: [String], _ body: (LiveCluster) async throws -> T) async throws -> T {
        let cluster = try await LiveCluster()
        do {
            try cluster.apply(([LiveObjects.nodeClass] + yaml).joined(separator: "\n---\n"))
            let result = try await body(cluster)
            try await cluster.shutdown()
            return result
        } catch {
            try? await cluster.shutdown()
            throw error
        }
    }

    static func json(_ text: String) throws -> [String: Any] {
        try SimulationFixtures.json(text)
    }

    /// The NodeClaim as the server has it, or nil when it is gone.
    static func nodeClaim(_ name: String, in cluster: LiveCluster) -> JSONValue? {
        try? cluster.server.store.get(.nodeClaims, name: name)
    }

    /// Stands in for Karpenter's termination controller once the NodeClaim is being deleted:
    /// removes its finalizer (the server then deletes it) and deletes the Node.
    static func finishTermination(_ name: String, in cluster: LiveCluster) throws {
        _ = try cluster.server.store.patch(.nodeClaims, name: name, patch: .object(["metadata": .object(["finalizers": .null])]))
        _ = try cluster.server.store.delete(.nodes, name: name)
    }

    /// Waits (up to `seconds`) until `condition` holds.
    static func eventually(_ seconds: Double = 30, _ condition: () -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return condition()
    }
}
