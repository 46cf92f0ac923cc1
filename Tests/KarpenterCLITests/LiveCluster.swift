import Foundation
import InProcessAPIServer
import KarpenterAPI

/// An in-process API server over HTTPS (token auth, no anonymous access) seeded from YAML,
/// and a kubeconfig file for the plugin binary (or kubectl) to reach it.
final class LiveCluster: @unchecked Sendable {
    let server: InProcessAPIServer
    let directory: URL
    let kubeconfig: String
    static let token = "plugin-test-token"

    init() async throws {
        let certificates = try ServerCertificates.generate()
        server = try await InProcessAPIServer.start(.init(tls: .init(certificates, verifyClients: false),
                                                          authentication: .init(bearerTokens: [Self.token: "tester"],
                                                                                allowAnonymous: false)))
        directory = try PluginProcess.temporaryDirectory()
        let file = directory.appendingPathComponent("kubeconfig")
        try server.kubeconfig(token: Self.token, caPEM: certificates.caPEM, namespace: "apps")
            .write(to: file, atomically: true, encoding: .utf8)
        kubeconfig = file.path
        try apply("{apiVersion: v1, kind: Namespace, metadata: {name: apps}}")
    }

    func shutdown() async throws {
        try await server.shutdown()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Creates every document as a client would; a document's `status` is then written through
    /// the status subresource (the API server drops status on create).
    func apply(_ yaml: String) throws {
        for document in try ManifestParser.parse(text: yaml) {
            let object = document.value
            let created = try server.store.create(object)
            guard let status = object["status"] else { continue }
            var withStatus = created
            withStatus["status"] = status
            _ = try server.store.updateStatus(withStatus)
        }
    }

    /// The plugin binary with this cluster's kubeconfig.
    func plugin(_ arguments: [String]) throws -> PluginProcess.Outcome {
        try PluginProcess.run(arguments + ["--kubeconfig", kubeconfig], environment: ["NO_COLOR": "1"])
    }
}

/// Realistic AKS objects: eastus SKUs and zones, as the embedded catalog knows them.
enum LiveObjects {
    static let nodeClass = """
    apiVersion: karpenter.azure.com/v1alpha2
    kind: AKSNodeClass
    metadata: {name: default}
    spec: {}
    """

    static func nodePool(_ name: String = "general", requirements: String = "", taints: String = "", limits: String = "") -> String {
        """
        apiVersion: karpenter.sh/v1
        kind: NodePool
        metadata: {name: \(name)}
        spec:
        \(limits.isEmpty ? "" : "  limits: \(limits)\n")  template:
            spec:
              nodeClassRef: {group: karpenter.azure.com, kind: AKSNodeClass, name: default}
        \(taints.isEmpty ? "" : "      taints: \(taints)\n")      requirements:
                - {key: kubernetes.io/arch, operator: In, values: [amd64]}
                - {key: karpenter.sh/capacity-type, operator: In, values: [on-demand]}
        \(requirements.isEmpty ? "" : "        - \(requirements)\n")
        """
    }

    /// A pod kube-scheduler marked unschedulable.
    static func pendingPod(_ name: String, cpu: String = "500m", labels: String = "{app: web}", spec: String = "") -> String {
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: \(name), namespace: apps, labels: \(labels)}
        spec:
        \(spec.isEmpty ? "" : "  " + spec + "\n")  containers:
            - {name: app, image: nginx, resources: {requests: {cpu: "\(cpu)", memory: 1Gi}}}
        status:
          phase: Pending
          conditions:
            - {type: PodScheduled, status: "False", reason: Unschedulable, message: "0/1 nodes are available: 1 Insufficient cpu."}
        """
    }

    static func runningPod(_ name: String, node: String, cpu: String = "1", labels: String = "{app: web}") -> String {
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: \(name), namespace: apps, labels: \(labels)}
        spec:
          nodeName: \(node)
          containers:
            - {name: app, image: nginx, resources: {requests: {cpu: "\(cpu)", memory: 1Gi}}}
        status:
          phase: Running
          conditions: [{type: Ready, status: "True"}]
        """
    }

    /// A Karpenter node (and its NodeClaim) of `type` in `zone`.
    static func karpenterNode(_ name: String, pool: String = "general", type: String = "Standard_D4s_v5",
                              zone: String = "eastus-1", cpu: String = "4", allocatableCPU: String = "3860m") -> String {
        """
        apiVersion: karpenter.sh/v1
        kind: NodeClaim
        metadata:
          name: \(name)
          labels: {karpenter.sh/nodepool: \(pool), node.kubernetes.io/instance-type: \(type), topology.kubernetes.io/zone: \(zone), karpenter.sh/capacity-type: on-demand, kubernetes.io/arch: amd64}
        spec:
          nodeClassRef: {group: karpenter.azure.com, kind: AKSNodeClass, name: default}
          requirements:
            - {key: node.kubernetes.io/instance-type, operator: In, values: [\(type)]}
        status:
          nodeName: \(name)
          providerID: azure:///subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/\(name)
          capacity: {cpu: "\(cpu)", memory: 16Gi, pods: "110"}
          allocatable: {cpu: \(allocatableCPU), memory: 12Gi, pods: "110"}
          conditions:
            - {type: Ready, status: "True", reason: Ready, lastTransitionTime: "2026-11-29T00:00:00Z"}
        ---
        apiVersion: v1
        kind: Node
        metadata:
          name: \(name)
          labels: {karpenter.sh/nodepool: \(pool), karpenter.sh/registered: "true", karpenter.sh/initialized: "true", node.kubernetes.io/instance-type: \(type), topology.kubernetes.io/zone: \(zone), topology.kubernetes.io/region: eastus, karpenter.sh/capacity-type: on-demand, kubernetes.io/arch: amd64, kubernetes.io/os: linux, kubernetes.io/hostname: \(name)}
        spec:
          providerID: azure:///subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/\(name)
        status:
          capacity: {cpu: "\(cpu)", memory: 16Gi, pods: "110"}
          allocatable: {cpu: \(allocatableCPU), memory: 12Gi, pods: "110"}
          conditions: [{type: Ready, status: "True"}]
        """
    }
}
