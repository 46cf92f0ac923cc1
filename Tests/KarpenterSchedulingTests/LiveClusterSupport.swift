import KarpenterAPI
@testable import KarpenterScheduling
import XCTest

/// A small live cluster for the snapshot, placement and price tests: objects as the API server
/// returns them (status, conditions, timestamps), parsed from YAML.
enum LiveCluster {
    static func objects(_ documents: String..., file: StaticString = #filePath, line: UInt = #line) -> ClusterObjects {
        var values: [JSONValue] = []
        for text in documents {
            do {
                values += try ManifestParser.parse(text: text).map(\.value)
            } catch {
                XCTFail("fixture does not parse: \(error)", file: file, line: line)
            }
        }
        return ClusterObjects(sorting: values)
    }

    static func type(_ name: String, cpu: Int64, memoryGi: Int64, prices: [(zone: String, capacityType: String, price: Double)]) -> InstanceType {
        InstanceType(name: name,
                     requirements: Requirements([.in(SchedulingLabel.instanceType, [name]),
                                                 .in(SchedulingLabel.zone, Array(Set(prices.map(\.zone))).sorted()),
                                                 .in(SchedulingLabel.capacityType, Array(Set(prices.map(\.capacityType))).sorted()),
                                                 .in(SchedulingLabel.arch, ["amd64"])]),
                     capacity: ResourceVector(cpuMillis: cpu * 1000, memoryBytes: memoryGi << 30, pods: 110),
                     overhead: InstanceTypeOverhead(),
                     offerings: prices.map { Offering(zone: $0.zone, capacityType: $0.capacityType, price: $0.price, available: true) })
    }

    static let types = [
        type("D2", cpu: 2, memoryGi: 8, prices: [("z1", "on-demand", 0.1), ("z2", "on-demand", 0.1), ("z1", "spot", 0.02)]),
        type("D8", cpu: 8, memoryGi: 32, prices: [("z1", "on-demand", 0.4), ("z2", "on-demand", 0.4)]),
    ]

    static func build(_ objects: ClusterObjects) -> SnapshotBuild {
        SnapshotBuilder(source: .fixed(types, description: "test catalog")).build(objects)
    }

    static let nodeClass = """
    apiVersion: karpenter.azure.com/v1alpha2
    kind: AKSNodeClass
    metadata: {name: default, creationTimestamp: "2025-05-01T00:00:00Z"}
    spec: {imageFamily: Ubuntu2204}
    status: {conditions: [{type: Ready, status: "True"}]}
    """

    static let nodePool = """
    apiVersion: karpenter.sh/v1
    kind: NodePool
    metadata: {name: default, creationTimestamp: "2025-05-01T00:00:00Z"}
    spec:
      disruption: {consolidateAfter: 0s, consolidationPolicy: WhenEmptyOrUnderutilized, budgets: [{nodes: 10%}]}
      template:
        spec:
          expireAfter: 720h
          nodeClassRef: {group: karpenter.azure.com, kind: AKSNodeClass, name: default}
          requirements: [{key: kubernetes.io/arch, operator: In, values: [amd64]}]
    status: {conditions: [{type: Ready, status: "True"}]}
    """

    /// A registered node of NodePool `default` and its NodeClaim.
    static func node(_ name: String, zone: String = "z1", cpu: String = "2", taints: String = "[]") -> String {
        """
        apiVersion: v1
        kind: Node
        metadata:
          name: \(name)
          creationTimestamp: "2025-06-01T09:00:00Z"
          labels: {kubernetes.io/hostname: \(name), karpenter.sh/nodepool: default, karpenter.sh/initialized: "true",
                   node.kubernetes.io/instance-type: D2, topology.kubernetes.io/zone: \(zone), karpenter.sh/capacity-type: on-demand,
                   kubernetes.io/arch: amd64}
        spec: {providerID: "azure:///\(name)", taints: \(taints)}
        status:
          allocatable: {cpu: "\(cpu)", memory: 8Gi, pods: "110"}
          capacity: {cpu: "\(cpu)", memory: 8Gi, pods: "110"}
          conditions: [{type: Ready, status: "True"}]
        ---
        apiVersion: karpenter.sh/v1
        kind: NodeClaim
        metadata:
          name: claim-\(name)
          labels: {karpenter.sh/nodepool: default, node.kubernetes.io/instance-type: D2, topology.kubernetes.io/zone: \(zone),
                   karpenter.sh/capacity-type: on-demand}
        spec: {nodeClassRef: {group: karpenter.azure.com, kind: AKSNodeClass, name: default}}
        status:
          nodeName: \(name)
          providerID: "azure:///\(name)"
          capacity: {cpu: "\(cpu)", memory: 8Gi, pods: "110"}
          allocatable: {cpu: "\(cpu)", memory: 8Gi, pods: "110"}
        """
    }

    static func pod(_ name: String, namespace: String = "shop", cpu: String = "500m", node: String? = nil,
                    marked: Bool = true, extraSpec: String = "", extraMetadata: String = "", phase: String? = nil) -> String {
        let status: String
        if let node, !node.isEmpty {
            status = "status: {phase: \(phase ?? "Running"), conditions: [{type: PodScheduled, status: \"True\"}]}"
        } else if marked {
            status = "status: {phase: \(phase ?? "Pending"), conditions: [{type: PodScheduled, status: \"False\", reason: Unschedulable, message: \"0/1 nodes are available\"}]}"
        } else {
            status = "status: {phase: \(phase ?? "Pending")}"
        }
        return """
        apiVersion: v1
        kind: Pod
        metadata:
          name: \(name)
          namespace: \(namespace)
          uid: uid-\(name)
          creationTimestamp: "2025-06-01T11:00:00Z"
          labels: {app: web}
        \(extraMetadata.isEmpty ? "" : "  " + extraMetadata + "\n")spec:
        \(node.map { "  nodeName: \($0)\n" } ?? "")\(extraSpec.isEmpty ? "" : "  " + extraSpec + "\n")  containers: [{name: c, resources: {requests: {cpu: "\(cpu)", memory: 1Gi}}}]
        \(status)
        """
    }
}
