/// Keeps the instance types of a NodeClaim that can still hold its pods plus one more
/// (SCHEDULING.md §5.1 step 6), and explains in upstream's words when none can.
struct InstanceTypeFilter {
    let template: NodePoolTemplate
    let wellKnown: LabelKeySet
    let offerings: OfferingCompatibilityCache

    /// - Parameter changedKeys: the requirement keys narrowed since the survivors were last
    ///   filtered; only those can remove a type on requirements or offerings.
    func filter(_ survivors: [Int32], requirements: Requirements, changedKeys: [LabelKey],
                requests: ResourceVector, hostPorts: [HostPort], detailed: Bool) -> Result<[Int32], SchedulingFailure> {
        var kept: [Int32] = []
        kept.reserveCapacity(survivors.count)
        var tally = FailureTally()
        let changed = changedKeys.map { requirements.get($0) }
        let offeringsChanged = changedKeys.contains { template.offeringKeys.contains($0) }
        let offered = offeringsChanged ? offerings.compatibility(template, requirements) : []
        for index in survivors {
            let position = Int(index)
            let fits = template.room.fits(requests, row: position)
            var matches = true
            if !changed.isEmpty {
                let typeRequirements = template.instanceTypes[position].requirements
                for requirement in changed where typeRequirements.has(requirement.key)
                    && Requirements.conflict(existing: typeRequirements.get(requirement.key), incoming: requirement) != nil {
                    matches = false
                    break
                }
            }
            let offered = !offeringsChanged || offered[position]
            let portsFree = hostPorts.isEmpty || HostPort.firstConflict(hostPorts, template.daemonPorts[position]) == nil
            if matches && fits && offered && portsFree {
                kept.append(index)
            } else {
                tally.count(matches: matches, fits: fits, offered: offered)
            }
        }
        if !kept.isEmpty { return .success(kept) }
        guard detailed else { return .failure(.undetailed(.noInstanceType)) }
        return .failure(tally.failure(requirements: requirements, requests: requests, overhead: overheadRange(survivors)))
    }

    private func overheadRange(_ survivors: [Int32]) -> (ResourceVector, ResourceVector)? {
        guard let first = survivors.first else { return nil }
        var low = template.daemonOverhead[Int(first)]
        var high = low
        for index in survivors {
            let overhead = template.daemonOverhead[Int(index)]
            high = high.maximum(overhead)
            if overhead.cpuMillis < low.cpuMillis || overhead.memoryBytes < low.memoryBytes { low = overhead }
        }
        return low == high ? nil : (low, high)
    }
}

/// Which of the three criteria (requirements, resources, offering) no single type met,
/// to pick upstream's error wording (SCHEDULING.md §11).
struct FailureTally {
    var requirementsMet = false
    var resourcesMet = false
    var offeringMet = false
    var requirementsAndResources = false
    var requirementsAndOffering = false
    var resourcesAndOffering = false

    mutating func count(matches: Bool, fits: Bool, offered: Bool) {
        requirementsMet = requirementsMet || matches
        resourcesMet = resourcesMet || fits
        offeringMet = offeringMet || offered
        requirementsAndResources = requirementsAndResources || (matches && fits)
        requirementsAndOffering = requirementsAndOffering || (matches && offered)
        resourcesAndOffering = resourcesAndOffering || (fits && offered)
    }

    func failure(requirements: Requirements, requests: ResourceVector, overhead: (ResourceVector, ResourceVector)?) -> SchedulingFailure {
        let (head, code, hint) = headline
        var resources = requests.description
        if let (low, high) = overhead { resources = "min=\((requests + low).description), max=\((requests + high).description)" }
        var shown = requirements
        shown.remove(SchedulingLabel.hostname)
        var message = "\(head), requirements=\(shown), resources=\(resources)"
        if !resourcesMet && requests.cpuMillis >= 1_000_000_000 { message += " (CPU request >= 1 Million, m vs M typo?)" }
        return SchedulingFailure(code, message, hint: hint)
    }

    private static let biggerHint = "lower the pod's requests or allow larger instance types in the NodePool"
    private static let requirementsHint = "the NodePool's requirements and the pod's leave no common instance type; widen one of them"
    private static let offeringHint = "no available zone/capacity-type offering matches; allow more zones or both spot and on-demand"

    private var headline: (String, SchedulingFailure.Code, String) {
        switch (requirementsMet, resourcesMet, offeringMet) {
        case (false, false, false):
            return ("no instance type met the scheduling requirements or had enough resources or had a required offering", .noInstanceType, Self.requirementsHint)
        case (false, false, true):
            return ("no instance type met the scheduling requirements or had enough resources", .noInstanceType, Self.requirementsHint)
        case (false, true, false):
            return ("no instance type met the scheduling requirements or had a required offering", .noInstanceType, Self.requirementsHint)
        case (true, false, false):
            return ("no instance type had enough resources or had a required offering", .insufficientResources, Self.biggerHint)
        case (false, true, true):
            return ("no instance type met all requirements", .incompatibleRequirements, Self.requirementsHint)
        case (true, false, true):
            return ("no instance type has enough resources", .insufficientResources, Self.biggerHint)
        case (true, true, false):
            return ("no instance type has the required offering", .noOffering, Self.offeringHint)
        case (true, true, true):
            if !requirementsAndResources {
                return ("no instance type which met the scheduling requirements and had enough resources, had a required offering", .noOffering,
                        "the instance types that match and are big enough have no available offering in the allowed zones/capacity types")
            }
            if !resourcesAndOffering {
                return ("no instance type which had enough resources and the required offering met the scheduling requirements", .incompatibleRequirements,
                        "the instance types big enough and offered do not match the requirements; widen them")
            }
            if !requirementsAndOffering {
                return ("no instance type which met the scheduling requirements and the required offering had the required resources", .insufficientResources, Self.biggerHint)
            }
            return ("no instance type met the requirements/resources/offering tuple", .noInstanceType,
                    "no single instance type meets the requirements, fits the requests and has an available offering at once")
        }
    }
}
