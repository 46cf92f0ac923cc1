import KarpenterAPI
import KarpenterScheduling

/// The workload of upstream's scheduling benchmark (issue 4 item 7): N pods in five equal
/// groups and M `fake-it-i` instance types shaped like upstream's fake cloud provider.
enum ScheduleBenchWorkload {
    static let zones = ["test-zone-1", "test-zone-2", "test-zone-3"]
    static let labelValues = ["a", "b", "c", "d", "e", "f", "g"]
    static let cpus = ["100m", "250m", "500m", "1", "1500m"]
    static let memories = ["100Mi", "256Mi", "512Mi", "1Gi", "2Gi", "4Gi"]
    /// The fake provider's extra well-known labels.
    static let extraWellKnown = ["size", "special", "integer"]

    /// `fake-it-i`: i+1 vCPU, 2(i+1) GiB, 10(i+1) pods, 100m/10Mi kube-reserved, spot in zones
    /// 1-2 and on-demand in zones 1-3, all at 0.1 per vCPU + 0.1 per GB of memory.
    static func instanceTypes(_ count: Int) -> [InstanceType] {
        (0..<count).map { index in
            let cpu = Int64(index + 1)
            let memory = 2 * cpu * 1_073_741_824
            let price = 0.1 * Double(cpu) + 0.1 * Double(memory) / 1e9
            let large = cpu > 4 && memory > 8 * 1_073_741_824
            let name = "fake-it-\(index)"
            let offerings = [
                Offering(zone: zones[0], capacityType: SchedulingLabel.capacityTypeSpot, price: price, available: true),
                Offering(zone: zones[1], capacityType: SchedulingLabel.capacityTypeSpot, price: price, available: true),
                Offering(zone: zones[0], capacityType: SchedulingLabel.capacityTypeOnDemand, price: price, available: true),
                Offering(zone: zones[1], capacityType: SchedulingLabel.capacityTypeOnDemand, price: price, available: true),
                Offering(zone: zones[2], capacityType: SchedulingLabel.capacityTypeOnDemand, price: price, available: true),
            ]
            let requirements = Requirements([
                .in(SchedulingLabel.instanceType, [name]),
                .in(SchedulingLabel.arch, ["amd64"]),
                .in(SchedulingLabel.os, ["darwin", "linux", "windows"]),
                .in(SchedulingLabel.zone, zones),
                .in(SchedulingLabel.capacityType, [SchedulingLabel.capacityTypeSpot, SchedulingLabel.capacityTypeOnDemand]),
                .in("size", [large ? "large" : "small"]),
                large ? .in("special", ["optional"]) : .doesNotExist("special"),
                .in("integer", [String(cpu)]),
            ])
            return InstanceType(name: name, requirements: requirements,
                                capacity: ResourceVector(cpuMillis: cpu * 1000, memoryBytes: memory, pods: 10 * cpu),
                                overhead: InstanceTypeOverhead(kubeReserved: ResourceVector(cpuMillis: 100, memoryBytes: 10 * 1_048_576)),
                                offerings: offerings)
        }
    }

    static func nodePool() -> NodePool {
        NodePool(metadata: ObjectMeta(name: "default"),
                 spec: NodePoolSpec(template: NodeClaimTemplate(spec: NodeClaimTemplateSpec(nodeClassRef: NodeClassReference(name: "default")))))
    }

    /// Generic, zonal spread, hostname spread, zonal pod affinity, hostname anti-affinity;
    /// the remainder of N/5 is filled with generic pods.
    static func pods(_ count: Int, seed: UInt64) -> [Pod] {
        var random = SplitMix64(seed: seed)
        let group = count / 5
        var pods: [Pod] = []
        pods.reserveCapacity(count)
        func add(_ labels: [String: String], _ configure: (inout PodSpec) -> Void) {
            var spec = PodSpec()
            configure(&spec)
            let requests: ResourceList = ["cpu": quantity(cpus[random.below(cpus.count)]),
                                          "memory": quantity(memories[random.below(memories.count)])]
            spec.containers = [Container(name: "app", image: "pause", resources: ResourceRequirements(requests: requests))]
            let index = pods.count
            let name = "bench-\(index)"
            let metadata = ObjectMeta(name: name, namespace: "default", uid: String(format: "uid-%08d", index),
                                      creationTimestamp: "2025-01-01T00:00:00Z", labels: labels)
            let status = PodStatus(phase: .pending, conditions: [PodCondition(type: "PodScheduled", status: "False", reason: "Unschedulable")])
            pods.append(Pod(metadata: metadata, spec: spec, status: status))
        }
        func value() -> String { labelValues[random.below(labelValues.count)] }
        for _ in 0..<group { add(["my-label": value()]) { _ in } }
        for key in [SchedulingLabel.zone, SchedulingLabel.hostname] {
            for _ in 0..<group {
                let labels = ["my-label": value()]
                let selector = ["my-label": value()]
                add(labels) { spec in
                    spec.topologySpreadConstraints = [TopologySpreadConstraint(maxSkew: 1, topologyKey: key, whenUnsatisfiable: .doNotSchedule,
                                                                               labelSelector: LabelSelector(matchLabels: selector))]
                }
            }
        }
        for _ in 0..<group {
            let labels = ["my-affininity": value()]
            let selector = ["my-affininity": value()]
            add(labels) { spec in
                spec.affinity = Affinity(podAffinity: PodAffinity(requiredDuringSchedulingIgnoredDuringExecution: [
                    PodAffinityTerm(labelSelector: LabelSelector(matchLabels: selector), topologyKey: SchedulingLabel.zone),
                ]))
            }
        }
        for _ in 0..<group {
            add(["app": "nginx"]) { spec in
                spec.affinity = Affinity(podAntiAffinity: PodAntiAffinity(requiredDuringSchedulingIgnoredDuringExecution: [
                    PodAffinityTerm(labelSelector: LabelSelector(matchLabels: ["app": "nginx"]), topologyKey: SchedulingLabel.hostname),
                ]))
            }
        }
        while pods.count < count { add(["my-label": value()]) { _ in } }
        return pods
    }

    private static func quantity(_ text: String) -> Quantity {
        // The spellings above are constants that always parse.
        (try? Quantity(parsing: text)) ?? Quantity.zero
    }
}

/// A small deterministic generator (SplitMix64), so every run schedules the same pods.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
