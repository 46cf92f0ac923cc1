import Foundation
import KarpenterAPI
@testable import KarpenterCLI
import KarpenterScheduling
import XCTest

/// A small AKS cluster with Karpenter as the API server would return it, seen at `now`:
/// NodePools `spot` (weight 50, not Ready), `default` (weight 10) and `gpu` (new, no status);
/// two Karpenter nodes and an AKS system node; a NodeClaim still launching; pods running,
/// pending (marked and not yet marked), finished; and events.
enum LiveClusterFixtures {
    static let now = KubeTimestamp.parse("2025-06-01T12:00:00Z") ?? Date()

    static func type(_ name: String, cpu: Int64, memoryGi: Int64, onDemand: Double, spot: Double?) -> InstanceType {
        var offerings: [Offering] = []
        for zone in ["eastus-1", "eastus-2"] {
            offerings.append(Offering(zone: zone, capacityType: "on-demand", price: onDemand, available: true))
            if let spot { offerings.append(Offering(zone: zone, capacityType: "spot", price: spot, available: true)) }
        }
        return InstanceType(name: name,
                            requirements: Requirements([.in(SchedulingLabel.instanceType, [name]), .in(SchedulingLabel.zone, ["eastus-1", "eastus-2"]),
                                                        .in(SchedulingLabel.capacityType, spot == nil ? ["on-demand"] : ["on-demand", "spot"]),
                                                        .in(SchedulingLabel.arch, ["amd64"]), .in(SchedulingLabel.os, ["linux"])]),
                            capacity: ResourceVector(cpuMillis: cpu * 1000, memoryBytes: memoryGi << 30, pods: 110),
                            overhead: InstanceTypeOverhead(), offerings: offerings)
    }

    static let types = [
        type("Standard_D2s_v5", cpu: 2, memoryGi: 8, onDemand: 0.096, spot: 0.0192),
        type("Standard_D4s_v5", cpu: 4, memoryGi: 16, onDemand: 0.192, spot: 0.0384),
        type("Standard_D8s_v5", cpu: 8, memoryGi: 32, onDemand: 0.384, spot: nil),
    ]

    static let prices = InstancePrices(types)
    static let source = InstanceTypeSource.fixed(types, description: "test catalog")
    static let context = GetContext(now: now, prices: prices)

    static func objects(_ yaml: String = cluster) -> ClusterObjects {
        let values = (try? ManifestParser.parse(text: yaml).map(\.value)) ?? []
        XCTAssertFalse(values.isEmpty, "the fixture parses")
        return ClusterObjects(sorting: values)
    }

    static let cluster = [nodeClass, nodePools, nodeClaims, nodes, pods, events].joined(separator: "\n---\n")

    static let nodeClass = """
    apiVersion: karpenter.azure.com/v1alpha2
    kind: AKSNodeClass
    metadata: {name: default, creationTimestamp: "2025-03-03T12:00:00Z"}
    spec: {imageFamily: Ubuntu2204}
    status: {conditions: [{type: Ready, status: "True"}]}
    """

    static let nodePools = """
    apiVersion: karpenter.sh/v1
    kind: NodePool
    metadata: {name: default, creationTimestamp: "2025-05-30T09:00:00Z"}
    spec:
      weight: 10
      limits: {cpu: "100", memory: 400Gi}
      disruption:
        consolidateAfter: 30s
        consolidationPolicy: WhenEmptyOrUnderutilized
        budgets: [{nodes: 10%}, {nodes: "0", reasons: [Drifted], schedule: "0 9 * * 1-5", duration: 8h}]
      template:
        spec:
          expireAfter: 720h
          nodeClassRef: {group: karpenter.azure.com, kind: AKSNodeClass, name: default}
          requirements: [{key: kubernetes.io/arch, operator: In, values: [amd64]}]
    status:
      resources: {cpu: "8", memory: 32Gi, nodes: "2", pods: "220"}
      conditions: [{type: Ready, status: "True"}]
    ---
    apiVersion: karpenter.sh/v1
    kind: NodePool
    metadata: {name: gpu, creationTimestamp: "2025-06-01T11:55:00Z"}
    spec:
      disruption: {consolidateAfter: Never, consolidationPolicy: WhenEmpty}
      template:
        spec:
          expireAfter: Never
          nodeClassRef: {group: karpenter.azure.com, kind: AKSNodeClass, name: default}
          taints: [{key: nvidia.com/gpu, value: "true", effect: NoSchedule}]
          requirements: [{key: node.kubernetes.io/instance-type, operator: In, values: [Standard_D8s_v5]}]
    ---
    apiVersion: karpenter.sh/v1
    kind: NodePool
    metadata: {name: spot, creationTimestamp: "2025-03-03T12:00:00Z"}
    spec:
      weight: 50
      limits: {cpu: "16"}
      template:
        spec:
          nodeClassRef: {group: karpenter.azure.com, kind: AKSNodeClass, name: spot-class}
          requirements: [{key: karpenter.sh/capacity-type, operator: In, values: [spot]}]
    status:
      conditions: [{type: Ready, status: "False", reason: NodeClassNotReady, message: AKSNodeClass spot-class not found}]
    """

    static let nodeClaims = """
    apiVersion: karpenter.sh/v1
    kind: NodeClaim
    metadata:
      name: default-abcde
      creationTimestamp: "2025-06-01T08:48:00Z"
      labels: {karpenter.sh/nodepool: default, node.kubernetes.io/instance-type: Standard_D4s_v5,
               topology.kubernetes.io/zone: eastus-1, karpenter.sh/capacity-type: on-demand}
    spec: {nodeClassRef: {group: karpenter.azure.com, kind: AKSNodeClass, name: default}}
    status:
      nodeName: aks-default-abcde
      providerID: azure:///subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/aks-default-abcde
      capacity: {cpu: "4", memory: 16Gi, pods: "110"}
      allocatable: {cpu: 3860m, memory: 12800Mi, pods: "110"}
      conditions:
        - {type: Launched, status: "True"}
        - {type: Registered, status: "True"}
        - {type: Initialized, status: "True"}
        - {type: Ready, status: "True"}
        - {type: Drifted, status: "True", reason: NodeClassDrifted}
    ---
    apiVersion: karpenter.sh/v1
    kind: NodeClaim
    metadata:
      name: default-fghij
      creationTimestamp: "2025-06-01T11:59:15Z"
      labels: {karpenter.sh/nodepool: default, node.kubernetes.io/instance-type: Standard_D4s_v5,
               topology.kubernetes.io/zone: eastus-2, karpenter.sh/capacity-type: spot}
    spec: {nodeClassRef: {group: karpenter.azure.com, kind: AKSNodeClass, name: default}}
    status:
      nodeName: aks-default-fghij
      providerID: azure:///subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/aks-default-fghij
      capacity: {cpu: "4", memory: 16Gi, pods: "110"}
      allocatable: {cpu: 3860m, memory: 12800Mi, pods: "110"}
      conditions: [{type: Ready, status: "True"}, {type: Consolidatable, status: "False"}]
    ---
    apiVersion: karpenter.sh/v1
    kind: NodeClaim
    metadata:
      name: gpu-xyz12
      creationTimestamp: "2025-06-01T11:58:30Z"
      labels: {karpenter.sh/nodepool: gpu, node.kubernetes.io/instance-type: Standard_D8s_v5,
               topology.kubernetes.io/zone: eastus-1, karpenter.sh/capacity-type: on-demand}
    spec:
      nodeClassRef: {group: karpenter.azure.com, kind: AKSNodeClass, name: default}
      taints: [{key: nvidia.com/gpu, value: "true", effect: NoSchedule}]
    status:
      capacity: {cpu: "8", memory: 32Gi, pods: "110"}
      allocatable: {cpu: 7800m, memory: 29Gi, pods: "110"}
      conditions: [{type: Launched, status: "True"}, {type: Registered, status: Unknown}, {type: Ready, status: Unknown}]
    """

    static let nodes = """
    apiVersion: v1
    kind: Node
    metadata:
      name: aks-default-abcde
      creationTimestamp: "2025-06-01T08:50:00Z"
      labels: {karpenter.sh/nodepool: default, node.kubernetes.io/instance-type: Standard_D4s_v5, topology.kubernetes.io/zone: eastus-1,
               topology.kubernetes.io/region: eastus, karpenter.sh/capacity-type: on-demand, kubernetes.io/hostname: aks-default-abcde,
               kubernetes.io/arch: amd64, kubernetes.io/os: linux, karpenter.sh/initialized: "true"}
    spec: {providerID: "azure:///subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/aks-default-abcde"}
    status:
      allocatable: {cpu: 3860m, memory: 12800Mi, pods: "110"}
      capacity: {cpu: "4", memory: 16Gi, pods: "110"}
      conditions: [{type: Ready, status: "True"}]
      nodeInfo: {kubeletVersion: v1.31.2}
      addresses: [{type: Hostname, address: aks-default-abcde}, {type: InternalIP, address: 10.224.0.5}]
    ---
    apiVersion: v1
    kind: Node
    metadata:
      name: aks-default-fghij
      creationTimestamp: "2025-06-01T11:59:30Z"
      labels: {karpenter.sh/nodepool: default, node.kubernetes.io/instance-type: Standard_D4s_v5, topology.kubernetes.io/zone: eastus-2,
               topology.kubernetes.io/region: eastus, karpenter.sh/capacity-type: spot, kubernetes.io/hostname: aks-default-fghij,
               kubernetes.io/arch: amd64, kubernetes.io/os: linux, karpenter.sh/initialized: "true"}
    spec:
      providerID: "azure:///subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/aks-default-fghij"
      unschedulable: true
      taints: [{key: karpenter.sh/disrupted, effect: NoSchedule}]
    status:
      allocatable: {cpu: 3860m, memory: 12800Mi, pods: "110"}
      conditions: [{type: Ready, status: "True"}]
      nodeInfo: {kubeletVersion: v1.31.2}
      addresses: [{type: InternalIP, address: 10.224.0.6}]
    ---
    apiVersion: v1
    kind: Node
    metadata:
      name: aks-system-12345678-vmss000000
      creationTimestamp: "2025-03-03T12:00:00Z"
      labels: {kubernetes.azure.com/agentpool: system, node.kubernetes.io/instance-type: Standard_D2s_v5, topology.kubernetes.io/zone: eastus-1,
               topology.kubernetes.io/region: eastus, kubernetes.io/hostname: aks-system-12345678-vmss000000, kubernetes.io/arch: amd64}
    spec:
      taints: [{key: CriticalAddonsOnly, value: "true", effect: NoSchedule}]
    status:
      allocatable: {cpu: 1900m, memory: 5632Mi, pods: "30"}
      conditions: [{type: Ready, status: "True"}]
      nodeInfo: {kubeletVersion: v1.31.2}
      addresses: [{type: InternalIP, address: 10.224.0.4}]
    """

    static func webPod(_ suffix: String, node: String?, cpu: String = "1", status: String) -> String {
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: web-7d9f-\(suffix)
          namespace: shop
          uid: uid-web-7d9f-\(suffix)
          creationTimestamp: "2025-06-01T08:55:00Z"
          labels: {app: web}
          ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-7d9f, uid: rs1, controller: true}]
        spec:
        \(node.map { "  nodeName: \($0)\n" } ?? "")  nodeSelector: {kubernetes.io/arch: amd64}
          topologySpreadConstraints:
            - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: web}}}
          containers: [{name: web, resources: {requests: {cpu: "\(cpu)", memory: 2Gi}}}]
        status: \(status)
        """
    }

    static let pods = [
        webPod("a", node: "aks-default-abcde", status: "{phase: Running, conditions: [{type: PodScheduled, status: \"True\"}]}"),
        webPod("b", node: "aks-default-fghij", status: "{phase: Running, conditions: [{type: PodScheduled, status: \"True\"}]}"),
        webPod("c", node: nil, cpu: "3", status: """
        {phase: Pending, conditions: [{type: PodScheduled, status: "False", reason: Unschedulable, lastTransitionTime: "2025-06-01T11:55:00Z",
                   message: "0/3 nodes are available: 1 node(s) had untolerated taint {CriticalAddonsOnly: true}, 2 Insufficient cpu."}]}
        """),
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: batch-0
          namespace: shop
          uid: uid-batch-0
          creationTimestamp: "2025-06-01T11:59:58Z"
          ownerReferences: [{apiVersion: batch/v1, kind: Job, name: batch, uid: j1, controller: true}]
        spec:
          containers: [{name: job, resources: {requests: {cpu: 500m, memory: 1Gi}}}]
        status: {phase: Pending}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: coredns-1, namespace: kube-system, uid: uid-coredns-1, creationTimestamp: "2025-03-03T12:05:00Z"}
        spec:
          nodeName: aks-system-12345678-vmss000000
          tolerations: [{key: CriticalAddonsOnly, operator: Exists}]
          containers: [{name: coredns, resources: {requests: {cpu: 100m, memory: 70Mi}}}]
        status: {phase: Running}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: done-1, namespace: shop, uid: uid-done-1, creationTimestamp: "2025-06-01T09:00:00Z"}
        spec:
          nodeName: aks-default-abcde
          containers: [{name: c, resources: {requests: {cpu: "1", memory: 1Gi}}}]
        status: {phase: Succeeded}
        """,
    ].joined(separator: "\n---\n")

    static let events = """
    apiVersion: v1
    kind: Event
    metadata: {name: web-7d9f-c.1, namespace: shop, creationTimestamp: "2025-06-01T11:55:00Z"}
    involvedObject: {kind: Pod, namespace: shop, name: web-7d9f-c, uid: uid-web-7d9f-c}
    type: Warning
    reason: FailedScheduling
    message: "0/3 nodes are available: 1 node(s) had untolerated taint {CriticalAddonsOnly: true}, 2 Insufficient cpu. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling."
    source: {component: default-scheduler}
    count: 3
    firstTimestamp: "2025-06-01T11:55:00Z"
    lastTimestamp: "2025-06-01T11:59:20Z"
    ---
    apiVersion: v1
    kind: Event
    metadata: {name: web-7d9f-c.2, namespace: shop, creationTimestamp: "2025-06-01T11:59:30Z"}
    involvedObject: {kind: Pod, namespace: shop, name: web-7d9f-c, uid: uid-web-7d9f-c}
    type: Normal
    reason: Nominated
    message: "Pod should schedule on: nodeclaim/default-klmno"
    source: {}
    eventTime: "2025-06-01T11:59:30.123456Z"
    reportingController: karpenter
    reportingInstance: karpenter-6c9f-abcde
    ---
    apiVersion: v1
    kind: Event
    metadata: {name: web-7d9f-c.3, namespace: shop, creationTimestamp: "2025-06-01T11:56:00Z"}
    involvedObject: {kind: Pod, namespace: shop, name: web-7d9f-c, uid: uid-web-7d9f-c}
    type: Warning
    reason: FailedScheduling
    message: "Failed to schedule pod, incompatible with nodepool \\"gpu\\", did not tolerate taint (taint=nvidia.com/gpu=true:NoSchedule)"
    source: {component: karpenter}
    count: 1
    firstTimestamp: "2025-06-01T11:56:00Z"
    lastTimestamp: "2025-06-01T11:56:00Z"
    ---
    apiVersion: v1
    kind: Event
    metadata: {name: web-7d9f-c.old, namespace: shop, creationTimestamp: "2025-06-01T10:00:00Z"}
    involvedObject: {kind: Pod, namespace: shop, name: web-7d9f-c, uid: uid-of-an-earlier-pod}
    type: Warning
    reason: FailedScheduling
    message: "an earlier pod with the same name"
    source: {component: default-scheduler}
    lastTimestamp: "2025-06-01T10:00:00Z"
    ---
    apiVersion: v1
    kind: Event
    metadata: {name: web-7d9f-a.1, namespace: shop, creationTimestamp: "2025-06-01T08:55:00Z"}
    involvedObject: {kind: Pod, namespace: shop, name: web-7d9f-a, uid: uid-web-7d9f-a}
    type: Normal
    reason: Scheduled
    message: Successfully assigned shop/web-7d9f-a to aks-default-abcde
    source: {component: default-scheduler}
    firstTimestamp: "2025-06-01T08:55:00Z"
    lastTimestamp: "2025-06-01T08:55:00Z"
    """
}

/// An in-memory cluster: returns the fixture and remembers what was asked.
final class FixtureClusterSource: ClusterSource, @unchecked Sendable {
    private let lock = NSLock()
    private var queries: [ClusterQuery] = []
    let objects: ClusterObjects

    init(_ objects: ClusterObjects) {
        self.objects = objects
    }

    var asked: [ClusterQuery] {
        lock.withLock { queries }
    }

    func objects(_ query: ClusterQuery) async throws -> ClusterObjects {
        lock.withLock { queries.append(query) }
        var result = ClusterObjects()
        for resource in query.resources { result[resource] = objects[resource] }
        return result
    }
}
