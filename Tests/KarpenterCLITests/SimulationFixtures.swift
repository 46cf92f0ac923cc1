import Foundation

/// Small hand-made inputs shared by the simulate and explain CLI tests.
enum SimulationFixtures {
    static let catalog = """
    kind: InstanceTypeCatalog
    instanceTypes:
      - name: small-2x8
        capacity: {cpu: "2", memory: 8Gi, pods: "110"}
        requirements: [{key: kubernetes.io/arch, operator: In, values: [amd64]}]
        offerings:
          - {zone: zone-a, capacityType: spot, price: 0.03}
          - {zone: zone-a, capacityType: on-demand, price: 0.1}
          - {zone: zone-b, capacityType: on-demand, price: 0.1}
      - name: large-8x32
        capacity: {cpu: "8", memory: 32Gi, pods: "110"}
        requirements: [{key: kubernetes.io/arch, operator: In, values: [amd64]}]
        offerings:
          - {zone: zone-a, capacityType: on-demand, price: 0.4}
          - {zone: zone-b, capacityType: on-demand, price: 0.4}
    """

    static let nodeClass = """
    apiVersion: karpenter.azure.com/v1beta1
    kind: AKSNodeClass
    metadata: {name: default}
    spec: {}
    """

    static func nodePool(name: String = "default", extra: String = "", taints: String = "") -> String {
        """
        apiVersion: karpenter.sh/v1
        kind: NodePool
        metadata: {name: \(name)}
        spec:
        \(extra.isEmpty ? "" : "  " + extra + "\n")  template:
            spec:
              nodeClassRef: {group: karpenter.azure.com, kind: AKSNodeClass, name: default}
        \(taints.isEmpty ? "" : "      taints: " + taints + "\n")      requirements:
                - {key: kubernetes.io/arch, operator: In, values: [amd64]}
        """
    }

    static func pod(_ name: String, cpu: String = "500m", spec: String = "") -> String {
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: \(name), namespace: apps}
        spec:
        \(spec.isEmpty ? "" : "  " + spec + "\n")  containers:
            - {name: c, image: busybox, resources: {requests: {cpu: "\(cpu)", memory: 1Gi}}}
        """
    }

    /// Writes the catalog and the manifests to a fresh directory.
    static func write(_ documents: [String]) throws -> (manifests: String, catalog: String) {
        let directory = try PluginProcess.temporaryDirectory()
        let manifests = directory.appendingPathComponent("manifests.yaml")
        let catalogFile = directory.appendingPathComponent("catalog.yaml")
        try documents.joined(separator: "\n---\n").write(to: manifests, atomically: true, encoding: .utf8)
        try catalog.write(to: catalogFile, atomically: true, encoding: .utf8)
        return (manifests.path, catalogFile.path)
    }

    static func json(_ text: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        guard let dictionary = object as? [String: Any] else { throw CocoaError(.coderReadCorrupt) }
        return dictionary
    }
}
