/// Picks the domain(s) a pod may use for one topology group, given what the pod allows
/// (`podDomains`) and what the candidate node or NodeClaim allows (`nodeDomains`)
/// (SCHEDULING.md §7.3, §7.4). An empty result means the constraint cannot be met there.
/// Non-hostname domains are walked by position so counts are read from an array.
struct DomainChoice {
    let group: TopologyGroup
    let universe: [LabelValue]

    func spread(podDomains: Requirement, nodeDomains: Requirement, selfSelecting: Bool) -> [LabelValue] {
        let increment = selfSelecting ? 1 : 0
        if group.isHostname, let host = singleValue(nodeDomains) {
            return group.count(host) + increment <= group.maxSkew ? [host] : []
        }
        let minimum = group.isHostname ? 0 : spreadMinimum(podDomains)
        var best: LabelValue?
        var bestCount = Int.max
        for (index, domain) in universe.enumerated() where nodeDomains.allows(domain) && podDomains.allows(domain) {
            let count = group.count(at: index) + increment
            if count - minimum <= group.maxSkew && count < bestCount {
                best = domain
                bestCount = count
            }
        }
        return best.map { [$0] } ?? []
    }

    func affinity(podDomains: Requirement, nodeDomains: Requirement, selfSelecting: Bool) -> [LabelValue] {
        let populated = group.isHostname
            ? group.populatedHosts
            : universe.indices.filter { group.count(at: $0) > 0 }.map { universe[$0] }
        let noneReachable = !populated.contains { podDomains.allows($0) }
        let mayBootstrap = selfSelecting && (group.total == 0 || noneReachable)
        if group.isHostname, let host = singleValue(nodeDomains) {
            return group.count(host) > 0 || mayBootstrap ? [host] : []
        }
        let options = populated.filter { podDomains.allows($0) && nodeDomains.allows($0) }
        if !options.isEmpty { return options }
        guard mayBootstrap else { return [] }
        if let shared = universe.first(where: { podDomains.allows($0) && nodeDomains.allows($0) }) { return [shared] }
        if let any = universe.first(where: { podDomains.allows($0) }) { return [any] }
        return []
    }

    func antiAffinity(podDomains: Requirement, nodeDomains: Requirement) -> [LabelValue] {
        if group.isHostname, let host = singleValue(nodeDomains) {
            return group.count(host) == 0 ? [host] : []
        }
        return universe.indices.filter {
            group.count(at: $0) == 0 && nodeDomains.allows(universe[$0]) && podDomains.allows(universe[$0])
        }.map { universe[$0] }
    }

    /// Whether `spread`, `affinity` or `antiAffinity` would return at least one domain,
    /// computed without building any array (the scheduler asks this for every candidate).
    func admits(_ kind: TopologyGroup.Kind, podDomains: Requirement, nodeDomains: Requirement, selfSelecting: Bool) -> Bool {
        let host = group.isHostname ? singleValue(nodeDomains) : nil
        switch kind {
        case .spread:
            let increment = selfSelecting ? 1 : 0
            if let host { return group.count(host) + increment <= group.maxSkew }
            let minimum = group.isHostname ? 0 : spreadMinimum(podDomains)
            for (index, domain) in universe.enumerated()
            where group.count(at: index) + increment - minimum <= group.maxSkew && nodeDomains.allows(domain) && podDomains.allows(domain) {
                return true
            }
            return false
        case .affinity:
            if group.isHostname { return !affinity(podDomains: podDomains, nodeDomains: nodeDomains, selfSelecting: selfSelecting).isEmpty }
            var reachablePopulated = false
            for (index, domain) in universe.enumerated() where group.count(at: index) > 0 && podDomains.allows(domain) {
                reachablePopulated = true
                if nodeDomains.allows(domain) { return true }
            }
            guard selfSelecting && (group.total == 0 || !reachablePopulated) else { return false }
            return universe.contains { podDomains.allows($0) }
        case .antiAffinity:
            if let host { return group.count(host) == 0 }
            for (index, domain) in universe.enumerated()
            where group.count(at: index) == 0 && nodeDomains.allows(domain) && podDomains.allows(domain) {
                return true
            }
            return false
        }
    }

    /// The lowest count over the domains the pod may reach; 0 when fewer than `minDomains`.
    private func spreadMinimum(_ podDomains: Requirement) -> Int {
        var eligible = 0
        var lowest = Int.max
        for (index, domain) in universe.enumerated() where podDomains.allows(domain) {
            eligible += 1
            lowest = min(lowest, group.count(at: index))
        }
        if let minDomains = group.minDomains, eligible < minDomains { return 0 }
        return lowest == Int.max ? 0 : lowest
    }

    private func singleValue(_ requirement: Requirement) -> LabelValue? {
        guard !requirement.isComplement, requirement.values.count == 1 else { return nil }
        return requirement.values.first { _ in true }
    }
}
