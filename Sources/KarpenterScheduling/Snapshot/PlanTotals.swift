/// What a plan costs and how full its new nodes are: requests (pods plus daemon overhead)
/// against the allocatable of the instance type each NodeClaim would launch as.
public struct PlanTotals: Sendable, Hashable {
    public var nodeClaims: Int
    public var pricePerHour: Double
    public var requested: ResourceVector
    public var allocatable: ResourceVector
    public var podsPending: Int
    public var podsOnNewNodeClaims: Int
    public var podsOnExistingNodes: Int
    public var podsUnschedulable: Int
    public var podsIgnored: Int

    public init(result: SchedulingResult, pendingPods: Int) {
        nodeClaims = result.nodeClaims.count
        var price = 0.0
        var requested = ResourceVector.zero
        var allocatable = ResourceVector.zero
        var onNew = 0
        for claim in result.nodeClaims {
            price += claim.launch?.price ?? 0
            requested = requested + claim.requests
            if let launch = claim.launch { allocatable = allocatable + launch.allocatable }
            onNew += claim.pods.count
        }
        pricePerHour = price
        self.requested = requested
        self.allocatable = allocatable
        podsPending = pendingPods
        podsOnNewNodeClaims = onNew
        podsOnExistingNodes = result.existingPlacements.count
        podsUnschedulable = result.unschedulable.count
        podsIgnored = result.ignored.count
    }

    /// requested / allocatable for one resource, nil when nothing is allocatable.
    public func utilization(_ resource: String) -> Double? {
        let total = allocatable[resource]
        return total > 0 ? Double(requested[resource]) / Double(total) : nil
    }
}
