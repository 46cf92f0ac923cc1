import KarpenterAPI

/// A NodeClaim being built during one pass (SCHEDULING.md §5.1): its narrowed requirements,
/// the instance types that can still hold every pod packed so far, and those pods.
final class SimulatedNodeClaim {
    let id: Int
    let name: String
    let template: NodePoolTemplate
    let hostname: LabelValue
    var requirements: Requirements
    /// Indices into `template.instanceTypes` that still fit everything.
    var survivors: [Int32] {
        didSet { (largestAllocatable, smallestAllocatable) = Self.bounds(survivors, of: template) }
    }
    /// Per resource, the most any surviving type could hold after its daemon overhead: a pod
    /// that does not fit this fits none of them.
    private(set) var largestAllocatable = ResourceVector()
    /// Per resource, the least any surviving type could hold: requests within this fit all of them.
    private(set) var smallestAllocatable = ResourceVector()
    var pods: [SchedulingPod] = []
    /// Sum of the pods' requests (daemon overhead is added at finalisation).
    var requests = ResourceVector()
    var hostPorts: [HostPort] = []

    init(id: Int, template: NodePoolTemplate, survivors: [Int32]) {
        self.id = id
        self.template = template
        name = "\(template.name)-\(id)"
        hostname = LabelValue("hostname-placeholder-\(String(format: "%04d", id))")
        var requirements = template.requirements
        requirements.add(.in(SchedulingLabel.hostname, [hostname.text]))
        self.requirements = requirements
        self.survivors = survivors
        (largestAllocatable, smallestAllocatable) = Self.bounds(survivors, of: template)
    }

    private static func bounds(_ survivors: [Int32], of template: NodePoolTemplate) -> (ResourceVector, ResourceVector) {
        template.room.bounds(survivors)
    }

    /// The largest capacity among surviving types, per resource: what limits must assume.
    var largestCapacity: ResourceVector {
        survivors.reduce(ResourceVector()) { $0.maximum(template.instanceTypes[Int($1)].capacity) }
    }
}

/// The outcome of trying a pod on a NodeClaim, ready to commit.
struct NodeClaimAdmission {
    let requirements: Requirements
    let survivors: [Int32]
}
