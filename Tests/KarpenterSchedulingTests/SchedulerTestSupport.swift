import Foundation
import KarpenterAPI
@testable import KarpenterScheduling

/// Small hand-made catalogs, pods and NodePools for scheduler tests.
enum Fake {
    static func instanceType(_ name: String, cpu: Int64, memoryGi: Int64, pods: Int64 = 110,
                             zones: [String] = ["zone-1", "zone-2", "zone-3"],
                             capacityTypes: [String] = ["on-demand"], price: Double,
                             labels: [String: String] = [:], unavailable: Set<String> = []) -> InstanceType {
        var requirements = Requirements([
            .in(SchedulingLabel.instanceType, [name]),
            .in(SchedulingLabel.arch, ["amd64"]),
            .in(SchedulingLabel.os, ["linux"]),
            .in(SchedulingLabel.zone, zones),
            .in(SchedulingLabel.capacityType, capacityTypes),
        ])
        for (key, value) in labels { requirements.add(.in(key, [value])) }
        var offerings: [Offering] = []
        for zone in zones {
            for capacityType in capacityTypes {
                let discount = capacityType == "spot" ? 0.3 : 1.0
                offerings.append(Offering(zone: zone, capacityType: capacityType, price: price * discount,
                                          available: !unavailable.contains("\(zone)/\(capacityType)")))
            }
        }
        return InstanceType(name: name, requirements: requirements,
                            capacity: ResourceVector(cpuMillis: cpu * 1000, memoryBytes: memoryGi << 30, pods: pods),
                            overhead: InstanceTypeOverhead(), offerings: offerings)
    }

    /// small (2 cpu), medium (4), large (8), xlarge (16): price grows with size.
    static let catalog: [InstanceType] = [
        instanceType("small", cpu: 2, memoryGi: 4, price: 0.1),
        instanceType("medium", cpu: 4, memoryGi: 8, price: 0.2),
        instanceType("large", cpu: 8, memoryGi: 16, price: 0.4),
        instanceType("xlarge", cpu: 16, memoryGi: 32, price: 0.8),
    ]

    static func decode<T: Decodable>(_ type: T.Type, _ yaml: String) -> T {
        let documents = try! ManifestParser.parse(text: yaml)
        return try! documents[0].value.decode(type)
    }

    static func pod(_ name: String, cpu: String = "1", memory: String = "1Gi", namespace: String = "default",
                    labels: [String: String] = [:], spec extra: String = "") -> Pod {
        let labelText = labels.isEmpty ? "{}" : "{" + labels.map { "\"\($0.key)\": \"\($0.value)\"" }.joined(separator: ", ") + "}"
        let containers = extra.hasPrefix("containers:") ? "" : """
          containers:
            - name: app
              resources: {requests: {cpu: "\(cpu)", memory: "\(memory)"}}
        """
        let yaml = """
        apiVersion: v1
        kind: Pod
        metadata: {name: \(name), namespace: \(namespace), uid: uid-\(name), labels: \(labelText), creationTimestamp: "2026-01-01T00:00:00Z"}
        spec:
        \(containers)
        \(extra.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
        """
        return decode(Pod.self, yaml)
    }

    static func nodePool(_ name: String = "default", weight: Int? = nil, spec extra: String = "",
                         requirements: String = "[]") -> NodePool {
        let yaml = """
        apiVersion: karpenter.sh/v1
        kind: NodePool
        metadata: {name: \(name)}
        spec:
          \(weight.map { "weight: \($0)" } ?? "")
        \(extra.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
          template:
            spec:
              nodeClassRef: {group: karpenter.azure.com, kind: AKSNodeClass, name: default}
              requirements: \(requirements)
        """
        let tree = try! ManifestParser.parse(text: yaml)[0].value
        let defaulted = Admission.review(tree).defaulted
        return try! defaulted.decode(NodePool.self)
    }

    static func snapshot(pods: [Pod], nodePools: [NodePool] = [nodePool()], catalog: [InstanceType] = Fake.catalog,
                         existing: [ExistingNodeInput] = [], daemonSets: [DaemonSet] = [], trace: Bool = true) -> SchedulingSnapshot {
        var instanceTypes: [String: [InstanceType]] = [:]
        for nodePool in nodePools { instanceTypes[nodePool.metadata.name ?? ""] = catalog }
        return SchedulingSnapshot(pendingPods: pods, nodePools: nodePools, instanceTypes: instanceTypes,
                                  existingNodes: existing, daemonSets: daemonSets,
                                  options: SchedulerOptions(recordTrace: trace))
    }

    static func node(_ name: String, cpu: String, memory: String, labels: [String: String] = [:], taints: String = "[]") -> Node {
        var allLabels = labels
        allLabels["kubernetes.io/hostname"] = name
        let labelText = "{" + allLabels.map { "\"\($0.key)\": \"\($0.value)\"" }.joined(separator: ", ") + "}"
        return decode(Node.self, """
        apiVersion: v1
        kind: Node
        metadata: {name: \(name), labels: \(labelText)}
        spec: {taints: \(taints)}
        status: {allocatable: {cpu: "\(cpu)", memory: "\(memory)", pods: "110"}, capacity: {cpu: "\(cpu)", memory: "\(memory)", pods: "110"}}
        """)
    }
}
