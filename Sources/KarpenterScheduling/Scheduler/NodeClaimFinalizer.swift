/// Turns the pass's simulated NodeClaims into launch plans (SCHEDULING.md §5.3, §5.4):
/// drops the hostname placeholder, adds the smallest daemon overhead, orders instance types
/// by their cheapest compatible offering, truncates, and re-checks minValues.
struct NodeClaimFinalizer {
    let options: SchedulerOptions
    private(set) var droppedPods: [(String, SchedulingFailure)] = []
    private var priceOrder: OfferingPriceOrder

    init(options: SchedulerOptions) {
        self.options = options
        priceOrder = OfferingPriceOrder(wellKnown: options.wellKnownLabels)
    }

    mutating func finalize(_ claims: [SimulatedNodeClaim]) -> [PlannedNodeClaim] {
        var planned: [PlannedNodeClaim] = []
        for claim in claims where !claim.pods.isEmpty {
            let template = claim.template
            var requirements = claim.requirements
            requirements.remove(SchedulingLabel.hostname)
            var overhead: ResourceVector?
            var isSurvivor = [Bool](repeating: false, count: template.instanceTypes.count)
            for index in claim.survivors {
                isSurvivor[Int(index)] = true
                let daemon = template.daemonOverhead[Int(index)]
                if let current = overhead {
                    if current != daemon { overhead = current.minimum(daemon) }
                } else {
                    overhead = daemon
                }
            }
            var truncated: [(InstanceType, Offering?)] = []
            for entry in priceOrder.ordered(template, for: requirements) where isSurvivor[entry.index] {
                truncated.append((template.instanceTypes[entry.index], entry.offering))
                if truncated.count == options.maxInstanceTypes { break }
            }
            if requirements.hasMinValues, options.minValuesPolicy == .strict {
                let check = requirements.satisfiesMinValues(truncated.map(\.0))
                if let text = check.errorDescription {
                    for pod in claim.pods {
                        droppedPods.append((pod.key, SchedulingFailure(.minValues, "pod didn't schedule because NodePool couldn't meet minValues requirements, \(text)",
                                                                        hint: "lower minValues or allow more instance types")))
                    }
                    continue
                }
            }
            let options = truncated.compactMap { instanceType, offering in
                offering.map { InstanceTypeOption(name: instanceType.name, zone: $0.zone, capacityType: $0.capacityType,
                                                  price: $0.price, allocatable: instanceType.allocatable) }
            }
            // The instance-type list replaces the key's requirement but keeps its minValues.
            let instanceTypeMinValues = requirements[SchedulingLabel.instanceType]?.minValues
            requirements.set(.in(SchedulingLabel.instanceType, options.map(\.name), minValues: instanceTypeMinValues))
            var capacityTypes = Set<String>()
            let offeredCapacityTypes = template.capacityTypes
            types: for (instanceType, _) in truncated {
                for offering in instanceType.offerings where !capacityTypes.contains(offering.capacityType) && offering.available
                    && offering.isCompatible(with: requirements, wellKnown: self.options.wellKnownLabels) {
                    capacityTypes.insert(offering.capacityType)
                    if capacityTypes.count == offeredCapacityTypes.count { break types }
                }
            }
            requirements.add(.in(SchedulingLabel.capacityType, capacityTypes.sorted()))
            var labels = template.labels
            for requirement in requirements where !requirement.isComplement && !requirement.values.isEmpty {
                let key = requirement.key.name
                if key == SchedulingLabel.hostname || labels[key] != nil { continue }
                if requirement.values.count == 1 {
                    labels[key] = requirement.valueStrings[0]
                } else if !self.options.wellKnownLabels.contains(key), !SchedulingLabel.isRestricted(key) {
                    // A custom key the pods narrowed to several values still needs one concrete
                    // label on the node (upstream picks any; we pick the first, deterministically).
                    labels[key] = requirement.valueStrings[0]
                }
            }
            planned.append(PlannedNodeClaim(name: claim.name, nodePool: template.name, instanceTypes: options,
                                            requirements: requirements, labels: labels,
                                            requests: claim.requests + (overhead ?? ResourceVector()),
                                            pods: claim.pods.map(\.key)))
        }
        return planned
    }
}
