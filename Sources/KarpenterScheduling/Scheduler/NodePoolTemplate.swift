import KarpenterAPI

/// A NodePool as the scheduler uses it: the requirements every NodeClaim from it starts with,
/// its taints, the instance types it may launch, their DaemonSet overhead, and what its limits
/// still allow (SCHEDULING.md §4.2, §5, §5.2).
final class NodePoolTemplate {
    let name: String
    let weight: Int
    let nodePool: NodePool
    let requirements: Requirements
    let labels: [String: String]
    let taints: [Taint]
    let instanceTypes: [InstanceType]
    /// DaemonSet requests and host ports per instance type (same order as `instanceTypes`).
    let daemonOverhead: [ResourceVector]
    let daemonPorts: [[HostPort]]
    var limits: NodePoolLimits
    /// Room per instance type after its daemon overhead, as plain columns so the hot fit
    /// check touches no reference-counted storage.
    let room: ResourceColumns
    /// Label keys any offering constrains (zone, capacity type, provider extras).
    let offeringKeys: [LabelKey]
    /// Every capacity type some offering of some instance type has.
    let capacityTypes: Set<String>

    init(nodePool: NodePool, instanceTypes: [InstanceType], requirements: Requirements, labels: [String: String],
         daemonOverhead: [ResourceVector], daemonPorts: [[HostPort]], limits: NodePoolLimits) {
        self.nodePool = nodePool
        name = nodePool.metadata.name ?? ""
        weight = nodePool.spec.weight ?? 0
        self.requirements = requirements
        self.labels = labels
        taints = nodePool.spec.template.spec.taints ?? []
        self.instanceTypes = instanceTypes
        self.daemonOverhead = daemonOverhead
        self.daemonPorts = daemonPorts
        self.limits = limits
        room = ResourceColumns(zip(instanceTypes, daemonOverhead).map { $0.allocatable - $1 })
        var keys = Set<LabelKey>()
        for instanceType in instanceTypes {
            for offering in instanceType.offerings { for requirement in offering.requirements { keys.insert(requirement.key) } }
        }
        offeringKeys = keys.sorted()
        capacityTypes = Set(instanceTypes.flatMap { $0.offerings.map(\.capacityType) })
    }

    var hasPreferNoScheduleTaint: Bool { taints.contains { $0.effect == .preferNoSchedule } }

    /// The template's requirements: NodePool requirements, template labels, and the NodePool
    /// and node-class labels.
    static func requirements(of nodePool: NodePool) -> (Requirements, [String: String]) {
        var requirements = Requirements()
        for entry in nodePool.spec.template.spec.requirements ?? [] {
            let input = RequirementInput(key: entry.key, operator: entry.operator.rawValue,
                                         values: entry.values ?? [], minValues: entry.minValues)
            if let requirement = try? Requirement(input) { requirements.add(requirement) }
        }
        var labels = nodePool.spec.template.metadata?.labels ?? [:]
        labels[SchedulingLabel.nodePool] = nodePool.metadata.name ?? ""
        if let nodeClass = nodePool.spec.template.spec.nodeClassRef, !nodeClass.name.isEmpty {
            labels["\(nodeClass.group)/\(nodeClass.kind.lowercased())"] = nodeClass.name
        }
        for (key, value) in labels.sorted(by: { $0.key < $1.key }) {
            requirements.add(.in(key, [value]))
        }
        return (requirements, labels)
    }
}

/// What a NodePool's `spec.limits` still allow after the nodes it already has (and the
/// NodeClaims this pass created, counted at their largest instance type).
struct NodePoolLimits {
    /// Remaining amount per limited resource (cpu in millicores); nil when unlimited.
    var remaining: [String: Int64]?
    var remainingNodes: Int64?

    static func from(_ limits: ResourceList?, usedBy capacities: [ResourceVector]) -> NodePoolLimits {
        guard let limits, !limits.isEmpty else { return NodePoolLimits(remaining: nil, remainingNodes: nil) }
        var remaining: [String: Int64] = [:]
        var nodes: Int64?
        for (name, quantity) in limits {
            if name == "nodes" {
                nodes = quantity.value - Int64(capacities.count)
            } else {
                let limit = name == ResourceVector.cpu ? quantity.milliValue : quantity.value
                remaining[name] = limit - capacities.reduce(0) { $0 + $1[name] }
            }
        }
        return NodePoolLimits(remaining: remaining.isEmpty ? nil : remaining, remainingNodes: nodes)
    }

    /// Whether an instance type of this capacity could still launch.
    func allows(_ capacity: ResourceVector) -> Bool {
        guard let remaining else { return true }
        for (name, left) in remaining where capacity[name] > left { return false }
        return true
    }

    /// The first resource the capacity would exceed, for messages.
    func exceeded(by capacity: ResourceVector) -> (String, Int64)? {
        guard let remaining else { return nil }
        for (name, left) in remaining.sorted(by: { $0.key < $1.key }) where capacity[name] > left { return (name, left) }
        return nil
    }

    mutating func subtract(_ capacity: ResourceVector) {
        if var remaining {
            for name in remaining.keys { remaining[name]! -= capacity[name] }
            self.remaining = remaining
        }
        if let nodes = remainingNodes { remainingNodes = nodes - 1 }
    }
}
