import Foundation
import KarpenterAPI
import KarpenterScheduling
@testable import KarpenterDisruption

/// Both KarpenterAPI and KarpenterDisruption define one; tests mean the planner's.
typealias DisruptionReason = KarpenterDisruption.DisruptionReason

/// A small cluster written as the API server returns it, for planner tests.
enum Fixture {
    static let now = Timestamp.parse("2026-03-01T12:00:00Z")!
    static let hourAgo = "2026-03-01T11:00:00Z"
    static let dayAgo = "2026-02-28T12:00:00Z"

    static func type(_ name: String, cpu: Int64, price: Double, zones: [String] = ["z1", "z2"],
                     capacityTypes: [String] = ["on-demand", "spot"]) -> InstanceType {
        var offerings: [Offering] = []
        for zone in zones {
            for capacityType in capacityTypes {
                offerings.append(Offering(zone: zone, capacityType: capacityType,
                                          price: capacityType == "spot" ? price * 0.3 : price, available: true))
            }
        }
        return InstanceType(name: name,
                            requirements: Requirements([.in(SchedulingLabel.instanceType, [name]), .in(SchedulingLabel.arch, ["amd64"]),
                                                        .in(SchedulingLabel.os, ["linux"]), .in(SchedulingLabel.zone, zones),
                                                        .in(SchedulingLabel.capacityType, capacityTypes)]),
                            capacity: ResourceVector(cpuMillis: cpu * 1000, memoryBytes: cpu * 4 << 30, pods: 110),
                            overhead: InstanceTypeOverhead(), offerings: offerings)
    }

    /// small 2 cpu $0.1, medium 4 cpu $0.2, large 8 cpu $0.4, xlarge 16 cpu $0.7 (on-demand; spot 30%).
    static let catalog = [type("small", cpu: 2, price: 0.1), type("medium", cpu: 4, price: 0.2),
                          type("large", cpu: 8, price: 0.4), type("xlarge", cpu: 16, price: 0.7)]

    static func cpu(of type: String, in catalog: [InstanceType] = catalog) -> Int64 {
        (catalog.first { $0.name == type }?.capacity.cpuMillis ?? 0) / 1000
    }

    static func nodePool(_ name: String = "default", consolidateAfter: String = "0s", policy: String = "WhenEmptyOrUnderutilized",
                         budgets: String = "[{nodes: \"100%\"}]", capacityTypes: [String] = ["on-demand", "spot"],
                         extraSpec: String = "", templateSpec: String = "") -> String {
        """
        apiVersion: karpenter.sh/v1
        kind: NodePool
        metadata: {name: \(name), creationTimestamp: "2026-01-01T00:00:00Z"}
        spec:
          disruption: {consolidateAfter: "\(consolidateAfter)", consolidationPolicy: \(policy), budgets: \(budgets)}
        \(extraSpec)
          template:
            spec:
              expireAfter: 720h
              nodeClassRef: {group: karpenter.azure.com, kind: AKSNodeClass, name: default}
              requirements: [{key: karpenter.sh/capacity-type, operator: In, values: [\(capacityTypes.joined(separator: ", "))]}]
        \(templateSpec)
        status: {conditions: [{type: Ready, status: "True"}]}
        """
    }

    /// A Node and its NodeClaim.
    static func node(_ name: String, pool: String = "default", type: String = "large", zone: String = "z1",
                     capacityType: String = "on-demand", cpu: Int64? = nil, initialized: Bool = true, ready: Bool = true,
                     nodeAnnotations: String = "{}", claimAnnotations: String = "{}", claimConditions: String = "",
                     claimSpec: String = "", created: String = dayAgo, lastPodEvent: String? = nil,
                     deleting: Bool = false) -> String {
        let cpu = cpu ?? Fixture.cpu(of: type)
        let labels = """
        {karpenter.sh/nodepool: \(pool), node.kubernetes.io/instance-type: \(type), topology.kubernetes.io/zone: \(zone), \
        karpenter.sh/capacity-type: \(capacityType), kubernetes.io/arch: amd64, kubernetes.io/os: linux, kubernetes.io/hostname: \(name)\
        \(initialized ? ", karpenter.sh/initialized: \"true\", karpenter.sh/registered: \"true\"" : "")}
        """
        let deletion = deleting ? ", deletionTimestamp: \"\(hourAgo)\"" : ""
        return """
        apiVersion: karpenter.sh/v1
        kind: NodeClaim
        metadata: {name: \(name)-claim, creationTimestamp: "\(created)", labels: \(labels), annotations: \(claimAnnotations)\(deletion)}
        spec:
          nodeClassRef: {group: karpenter.azure.com, kind: AKSNodeClass, name: default}
          requirements: []
        \(claimSpec)
        status:
          providerID: azure:///\(name)
          nodeName: \(name)
          \(lastPodEvent.map { "lastPodEventTime: \"\($0)\"" } ?? "")
          conditions:
          - {type: Launched, status: "True", lastTransitionTime: "\(created)"}
          - {type: Initialized, status: "\(initialized ? "True" : "False")", lastTransitionTime: "\(created)"}
        \(claimConditions)
        ---
        apiVersion: v1
        kind: Node
        metadata: {name: \(name), creationTimestamp: "\(created)", labels: \(labels), annotations: \(nodeAnnotations)}
        spec: {providerID: "azure:///\(name)"}
        status:
          allocatable: {cpu: "\(cpu)", memory: "\(cpu * 4)Gi", pods: "110"}
          capacity: {cpu: "\(cpu)", memory: "\(cpu * 4)Gi", pods: "110"}
          conditions: [{type: Ready, status: "\(ready ? "True" : "False")"}]
        """
    }

    /// A running pod bound to `node`, or pending (marked Unschedulable) when `node` is nil.
    static func pod(_ name: String, on node: String?, cpu: String = "1", namespace: String = "default",
                    labels: String = "{app: web}", annotations: String = "{}", owner: String? = "ReplicaSet",
                    priority: Int? = nil, extraSpec: String = "", ready: Bool = true, startTime: String = hourAgo,
                    phase: String? = nil, deleting: Bool = false) -> String {
        let ownerText = owner.map { ", ownerReferences: [{apiVersion: apps/v1, kind: \($0), name: owner-\(name), uid: u-\(name), controller: true}]" } ?? ""
        let deletion = deleting ? ", deletionTimestamp: \"\(hourAgo)\"" : ""
        let status: String
        if node == nil {
            status = "{phase: Pending, conditions: [{type: PodScheduled, status: \"False\", reason: Unschedulable}]}"
        } else {
            status = "{phase: \(phase ?? "Running"), startTime: \"\(startTime)\", conditions: [{type: Ready, status: \"\(ready ? "True" : "False")\"}]}"
        }
        return """
        apiVersion: v1
        kind: Pod
        metadata: {name: \(name), namespace: \(namespace), uid: uid-\(name), creationTimestamp: "\(dayAgo)", labels: \(labels), annotations: \(annotations)\(ownerText)\(deletion)}
        spec:
          \(node.map { "nodeName: \($0)" } ?? "")
          \(priority.map { "priority: \($0)" } ?? "")
          containers: [{name: app, image: pause, resources: {requests: {cpu: "\(cpu)", memory: 100Mi}}}]
        \(extraSpec)
        status: \(status)
        """
    }

    static func pdb(_ name: String, namespace: String = "default", selector: String = "{matchLabels: {app: web}}",
                    allowed: Int, policy: String? = nil) -> String {
        """
        apiVersion: policy/v1
        kind: PodDisruptionBudget
        metadata: {name: \(name), namespace: \(namespace)}
        spec: {selector: \(selector)\(policy.map { ", unhealthyPodEvictionPolicy: \($0)" } ?? "")}
        status: {disruptionsAllowed: \(allowed)}
        """
    }

    static func cluster(_ documents: [String]) -> ClusterObjects {
        let values = documents.flatMap { text in
            do {
                return try ManifestParser.parse(text: text).map(\.value)
            } catch {
                fatalError("fixture does not parse: \(error)\n\(text)")
            }
        }
        return ClusterObjects(sorting: values)
    }

    static func input(_ documents: [String], catalog: [InstanceType] = catalog, now: Date = now,
                      options: DisruptionOptions = DisruptionOptions()) -> DisruptionInput {
        DisruptionInput(cluster: cluster(documents), source: .fixed(catalog, description: "test catalog"), now: now, options: options)
    }

    static func planner(_ documents: [String], catalog: [InstanceType] = catalog, now: Date = now,
                        options: DisruptionOptions = DisruptionOptions()) -> DisruptionPlanner {
        DisruptionPlanner(input(documents, catalog: catalog, now: now, options: options))
    }
}
