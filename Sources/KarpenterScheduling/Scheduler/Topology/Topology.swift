import KarpenterAPI

/// The topology state of one scheduling pass (SCHEDULING.md §7): the domains each key can
/// take, the groups pods declare, and the counts of matching pods per domain, including the
/// decisions made earlier in the same pass.
final class Topology {
    private let wellKnown: LabelKeySet
    private var universe: [LabelKey: DomainList] = [:]
    private var groups: [TopologyGroupKey: TopologyGroup] = [:]
    private var orderedGroups: [TopologyGroup] = []
    private var inverseGroups: [TopologyGroup] = []
    private var registrationFinished = false
    /// Placeholder hostnames of the pass's simulated NodeClaims.
    private var claimHosts = Set<LabelValue>()
    private let domainSource: TopologyDomainSource
    private let clusterPods: [BoundPod]

    struct BoundPod {
        let namespace: String
        let labels: [String: String]
        let nodeRequirements: Requirements
        let nodeTaints: [Taint]
    }

    init(domainSource: TopologyDomainSource, clusterPods: [BoundPod], wellKnown: LabelKeySet) {
        self.domainSource = domainSource
        self.clusterPods = clusterPods
        self.wellKnown = wellKnown
    }

    // MARK: building groups

    /// Creates (or joins) the groups `pod` declares; call again after relaxation changes them.
    func register(_ pod: SchedulingPod) {
        var owned: [TopologyGroup] = []
        for spread in pod.spreads {
            var selector = spread.labelSelector
            for key in spread.matchLabelKeys ?? [] {
                guard let value = pod.labels[key] else { continue }
                var expressions = selector?.matchExpressions ?? []
                expressions.append(LabelSelectorRequirement(key: key, operator: .in, values: [value]))
                if selector == nil { selector = LabelSelector() }
                selector?.matchExpressions = expressions
            }
            let filter = TopologyNodeFilter(
                alternatives: spread.effectiveNodeAffinityPolicy.rawValue == "Honor" ? pod.strictAlternatives : [],
                tolerations: spread.effectiveNodeTaintsPolicy.rawValue == "Honor" ? pod.tolerations : nil)
            owned.append(group(.spread, key: spread.topologyKey, namespaces: [pod.namespace], selector: selector,
                               maxSkew: spread.maxSkew, minDomains: spread.minDomains, filter: filter, inverse: false))
        }
        for term in pod.requiredAffinity + pod.preferredAffinity.prefix(1).map(\.podAffinityTerm) {
            owned.append(group(.affinity, term: term, namespace: pod.namespace, inverse: false))
        }
        for term in pod.requiredAntiAffinity + pod.preferredAntiAffinity.prefix(1).map(\.podAffinityTerm) {
            owned.append(group(.antiAffinity, term: term, namespace: pod.namespace, inverse: false))
        }
        pod.ownedGroups = owned
        if pod.ownedInverseGroups.isEmpty {
            pod.ownedInverseGroups = pod.requiredAntiAffinity.map {
                group(.antiAffinity, term: $0, namespace: pod.namespace, inverse: true)
            }
        }
        if registrationFinished { bind(pod) }
    }

    /// Call once every pod is registered: from then on the set of groups is fixed, so each
    /// pod can keep the groups that constrain and count it.
    func finishRegistration(_ pods: [SchedulingPod]) {
        registrationFinished = true
        for pod in pods { bind(pod) }
    }

    private func bind(_ pod: SchedulingPod) {
        pod.constrainingGroups = pod.ownedGroups
            + inverseGroups.filter { $0.selects(namespace: pod.namespace, labels: pod.labels) }
        pod.countingGroups = orderedGroups.filter { $0.selects(namespace: pod.namespace, labels: pod.labels) }
    }

    /// Inverse anti-affinity of a pod already bound in the cluster: repels others from its domain.
    func registerBound(namespace: String, antiAffinity: [PodAffinityTerm], nodeRequirements: Requirements) {
        for term in antiAffinity {
            let inverse = group(.antiAffinity, term: term, namespace: namespace, inverse: true)
            if let value = singleValue(nodeRequirements.get(inverse.key)) { inverse.record(value) }
        }
    }

    private func group(_ kind: TopologyGroup.Kind, term: PodAffinityTerm, namespace: String, inverse: Bool) -> TopologyGroup {
        let namespaces: Set<String>? = term.namespaceSelector != nil ? nil : Set(term.namespaces ?? [namespace])
        return group(kind, key: term.topologyKey, namespaces: namespaces, selector: term.labelSelector,
                     maxSkew: Int.max, minDomains: nil, filter: .all, inverse: inverse)
    }

    private func group(_ kind: TopologyGroup.Kind, key: String, namespaces: Set<String>?, selector: LabelSelector?,
                       maxSkew: Int, minDomains: Int?, filter: TopologyNodeFilter, inverse: Bool) -> TopologyGroup {
        let identity = TopologyGroupKey(kind: kind.rawValue, key: key, namespaces: namespaces.map { $0.sorted() },
                                        selector: selector, maxSkew: maxSkew, minDomains: minDomains,
                                        filter: filter, isInverse: inverse)
        if let existing = groups[identity] { return existing }
        let created = TopologyGroup(kind: kind, key: key, namespaces: namespaces, selector: selector, maxSkew: maxSkew,
                                    minDomains: minDomains, filter: filter, isInverse: inverse)
        created.domains = domainList(for: created.key)
        groups[identity] = created
        if inverse {
            inverseGroups.append(created)
        } else {
            orderedGroups.append(created)
            countClusterPods(into: created)
        }
        return created
    }

    private func countClusterPods(into group: TopologyGroup) {
        for pod in clusterPods where group.selects(namespace: pod.namespace, labels: pod.labels) {
            guard group.filter.matches(pod.nodeRequirements, taints: pod.nodeTaints, wellKnown: wellKnown),
                  let value = singleValue(pod.nodeRequirements.get(group.key)) else { continue }
            addToUniverse(group.key, value)
            group.record(value)
        }
    }

    // MARK: domains

    func domains(for key: LabelKey) -> [LabelValue] { domainList(for: key).values }

    /// The shared, growing list of domains for `key`; groups keep a reference to it.
    func domainList(for key: LabelKey) -> DomainList {
        if let known = universe[key] { return known }
        let list = DomainList(domainSource.domains(for: key))
        universe[key] = list
        return list
    }

    func addToUniverse(_ key: LabelKey, _ value: LabelValue) {
        domainList(for: key).insert(value)
    }

    // MARK: per-pod decisions

    /// The requirements topology adds for `pod` on a candidate whose requirements are
    /// `nodeRequirements`, or the reason it cannot go there (worded only when `detailed`).
    func requirements(for pod: SchedulingPod, on nodeRequirements: Requirements, detailed: Bool) -> Result<Requirements, SchedulingFailure> {
        var result = Requirements()
        for group in pod.constrainingGroups where !group.isInverse || group.total > 0 {
            let podDomains = pod.strictRequirements.get(group.key)
            let nodeDomains = nodeRequirements.get(group.key)
            let choice = DomainChoice(group: group, universe: group.isHostname ? [] : group.domains.values)
            let chosen: [LabelValue]
            switch group.kind {
            case .spread:
                chosen = choice.spread(podDomains: podDomains, nodeDomains: nodeDomains,
                                       selfSelecting: pod.countingGroups.contains { $0 === group })
            case .affinity:
                chosen = choice.affinity(podDomains: podDomains, nodeDomains: nodeDomains,
                                         selfSelecting: pod.countingGroups.contains { $0 === group })
            case .antiAffinity:
                chosen = choice.antiAffinity(podDomains: podDomains, nodeDomains: nodeDomains)
            }
            if chosen.isEmpty {
                guard detailed else { return .failure(.undetailed(.topology)) }
                let shownDomains = group.isHostname ? [] : domains(for: group.key)
                return .failure(SchedulingFailure(
                    .topology,
                    "unsatisfiable topology constraint for \(group.kind.rawValue), key=\(group.key.name) (counts = \(group.describeCounts(shownDomains)), podDomains = \(podDomains), nodeDomains = \(nodeDomains))",
                    hint: TopologyHints.hint(for: group)))
            }
            let alreadyNarrow = !nodeDomains.isComplement && nodeDomains.values.count == chosen.count
                && chosen.allSatisfy { nodeDomains.allows($0) }
            if !alreadyNarrow {
                result.add(Requirement(key: group.key, isComplement: false, values: LabelValueSet(chosen)))
            }
        }
        return .success(result)
    }

    /// Counts `pod` where it was placed (SCHEDULING.md §7.5).
    func record(_ pod: SchedulingPod, on nodeRequirements: Requirements, taints: [Taint]) {
        for group in pod.countingGroups {
            guard group.filter.matches(nodeRequirements, taints: taints, wellKnown: wellKnown) else { continue }
            recordValues(group, nodeRequirements.get(group.key), all: group.kind == .antiAffinity)
        }
        for inverse in pod.ownedInverseGroups {
            recordValues(inverse, nodeRequirements.get(inverse.key), all: true)
        }
    }

    private func recordValues(_ group: TopologyGroup, _ requirement: Requirement, all: Bool) {
        if let single = singleValue(requirement) {
            if !group.isHostname { addToUniverse(group.key, single) }
            group.record(single, isClaimHost: group.isHostname && claimHosts.contains(single))
        } else if all, !group.isHostname {
            for domain in domains(for: group.key) where requirement.allows(domain) { group.record(domain) }
        }
    }

    private func singleValue(_ requirement: Requirement) -> LabelValue? {
        guard !requirement.isComplement, requirement.values.count == 1 else { return nil }
        return requirement.values.first { _ in true }
    }

    /// Whether every group constraining `pod` leaves it at least one domain on a candidate
    /// with `nodeRequirements`; the allocation-free question behind `requirements(for:on:)`.
    func admits(_ pod: SchedulingPod, on nodeRequirements: Requirements) -> Bool {
        for group in pod.constrainingGroups where !group.isInverse || group.total > 0 {
            let choice = DomainChoice(group: group, universe: group.isHostname ? [] : group.domains.values)
            let selfSelecting = group.kind != .antiAffinity && pod.countingGroups.contains { $0 === group }
            if !choice.admits(group.kind, podDomains: pod.strictRequirements.get(group.key),
                              nodeDomains: nodeRequirements.get(group.key), selfSelecting: selfSelecting) {
                return false
            }
        }
        return true
    }

    func registerClaimHost(_ host: LabelValue) { claimHosts.insert(host) }

    /// True when some hostname group keeps `pod` off every simulated NodeClaim, because each
    /// of the `claimCount` claims already holds a pod it must not share a node with.
    func blocksEveryClaim(_ pod: SchedulingPod, claimCount: Int) -> Bool {
        guard claimCount > 0 else { return false }
        for group in pod.constrainingGroups where group.isHostname && group.populatedClaimHosts >= claimCount {
            switch group.kind {
            case .antiAffinity:
                return true
            case .spread:
                let increment = pod.countingGroups.contains { $0 === group } ? 1 : 0
                if group.maxSkew == 1 && increment == 1 { return true }
            case .affinity:
                continue
            }
        }
        return false
    }

    /// A quick test for the common rejection: a hostname spread or anti-affinity group that
    /// already has too many matching pods on `host`. False means "maybe", not "fits".
    func hostnameBlocks(_ pod: SchedulingPod, host: LabelValue) -> Bool {
        for group in pod.constrainingGroups where group.isHostname {
            switch group.kind {
            case .antiAffinity:
                if group.count(host) > 0 { return true }
            case .spread:
                let increment = pod.countingGroups.contains { $0 === group } ? 1 : 0
                if group.count(host) + increment > group.maxSkew { return true }
            case .affinity:
                continue
            }
        }
        return false
    }

    /// Whether the pod is constrained by any topology group (owned or inverse).
    func constrains(_ pod: SchedulingPod) -> Bool {
        pod.constrainingGroups.contains { !$0.isInverse || $0.total > 0 }
    }
}

/// Where topology keys get their possible values: the NodePools' templates and instance types.
protocol TopologyDomainSource {
    func domains(for key: LabelKey) -> [LabelValue]
}

enum TopologyHints {
    static func hint(for group: TopologyGroup) -> String {
        switch group.kind {
        case .spread:
            return "allow more \(group.key.name) values in the NodePool (and pod) requirements, raise maxSkew, or use whenUnsatisfiable: ScheduleAnyway"
        case .affinity:
            return "the pods this pod must be near are not in any \(group.key.name) it may use; check the affinity selector and the NodePool's allowed \(group.key.name) values"
        case .antiAffinity:
            return "every allowed \(group.key.name) already has a pod this pod must avoid; allow more \(group.key.name) values or relax the anti-affinity"
        }
    }
}
