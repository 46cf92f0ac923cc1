/// Picks the domain(s) a pod may use for one topology group, given what the pod allows
/// (`podDomains`) and what the candidate node or NodeClaim allows (`nodeDomains`)
/// (SCHEDULING.md §7.3, §7.4). An empty result means the constraint cannot be met there.
struct DomainChoice {
    let group: TopologyGroup
    let universe: [LabelValue]

    func spread(podDomains: Requirement, nodeDomains: Requirement, selfSelecting: Bool) -> [LabelValue] {
        let increment = selfSelecting ? 1 : 0
        if group.isHostname, let host = singleValue(nodeDomains) {
            return group.count(host) + increment <= group.maxSkew ? [host] : []
        }
        var minimum = 0
        if !group.isHostname {
            var eligible = 0
            var lowest = Int.max
            for domain in universe where podDomains.allows(domain) {
                eligible += 1
                lowest = min(lowest, group.count(domain))
            }
            minimum = lowest == Int.max ? 0 : lowest
            if let minDomains = group.minDomains, eligible < minDomains { minimum = 0 }
        }
        var best: LabelValue?
        var bestCount = Int.max
        for domain in universe where nodeDomains.allows(domain) && podDomains.allows(domain) {
            let count = group.count(domain) + increment
            if count - minimum <= group.maxSkew && count < bestCount {
                best = domain
                bestCount = count
            }
        }
        return best.map { [$0] } ?? []
    }

    func affinity(podDomains: Requirement, nodeDomains: Requirement, selfSelecting: Bool) -> [LabelValue] {
        let populated = group.isHostname ? group.counts.filter { $0.value > 0 }.map(\.key).sorted() : universe.filter { group.count($0) > 0 }
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
        return universe.filter { group.count($0) == 0 && nodeDomains.allows($0) && podDomains.allows($0) }
    }

    private func singleValue(_ requirement: Requirement) -> LabelValue? {
        guard !requirement.isComplement, requirement.values.count == 1 else { return nil }
        return requirement.values.first { _ in true }
    }
}

extension DomainChoice {
    /// Whether `spread`, `affinity` or `antiAffinity` would return at least one domain,
    /// computed without building any array (the scheduler asks this for every candidate).
    func admits(_ kind: TopologyGroup.Kind, podDomains: Requirement, nodeDomains: Requirement, selfSelecting: Bool) -> Bool {
        let host = group.isHostname ? singleHost(nodeDomains) : nil
        switch kind {
        case .spread:
            let increment = selfSelecting ? 1 : 0
            if let host { return group.count(host) + increment <= group.maxSkew }
            var minimum = 0
            if !group.isHostname {
                var eligible = 0
                var lowest = Int.max
                for domain in universe where podDomains.allows(domain) {
                    eligible += 1
                    lowest = min(lowest, group.count(domain))
                }
                minimum = lowest == Int.max ? 0 : lowest
                if let minDomains = group.minDomains, eligible < minDomains { minimum = 0 }
            }
            for domain in universe where nodeDomains.allows(domain) && podDomains.allows(domain)
                && group.count(domain) + increment - minimum <= group.maxSkew {
                return true
            }
            return false
        case .affinity:
            if group.isHostname { return !affinity(podDomains: podDomains, nodeDomains: nodeDomains, selfSelecting: selfSelecting).isEmpty }
            var reachablePopulated = false
            for domain in universe where group.count(domain) > 0 && podDomains.allows(domain) {
                reachablePopulated = true
                if nodeDomains.allows(domain) { return true }
            }
            guard selfSelecting && (group.total == 0 || !reachablePopulated) else { return false }
            return universe.contains { podDomains.allows($0) }
        case .antiAffinity:
            if let host { return group.count(host) == 0 }
            return universe.contains { group.count($0) == 0 && nodeDomains.allows($0) && podDomains.allows($0) }
        }
    }

    private func singleHost(_ requirement: Requirement) -> LabelValue? {
        guard !requirement.isComplement, requirement.values.count == 1 else { return nil }
        return requirement.values.first { _ in true }
    }
}
