import KarpenterAPI

/// One topology constraint shared by every pod that declares it (SCHEDULING.md §7.2), with
/// the count of matching pods per domain.
final class TopologyGroup {
    enum Kind: String {
        case spread = "topology spread"
        case affinity = "pod affinity"
        case antiAffinity = "pod anti-affinity"
    }

    let kind: Kind
    let key: LabelKey
    let isHostname: Bool
    /// nil means every namespace.
    let namespaces: Set<String>?
    let selector: LabelSelector?
    let maxSkew: Int
    let minDomains: Int?
    let filter: TopologyNodeFilter
    /// Inverse anti-affinity groups record where their owners are, to repel others.
    let isInverse: Bool
    /// Every value the key can take (hostname groups leave it empty and use `counts`).
    var domains = DomainList([])
    private(set) var counts: [LabelValue: Int] = [:]
    private(set) var total = 0

    init(kind: Kind, key: String, namespaces: Set<String>?, selector: LabelSelector?, maxSkew: Int,
         minDomains: Int?, filter: TopologyNodeFilter, isInverse: Bool) {
        self.kind = kind
        let normalized = LabelKeyNormalization.normalize(key)
        self.key = LabelKey(normalized)
        isHostname = normalized == SchedulingLabel.hostname
        self.namespaces = namespaces
        self.selector = selector
        self.maxSkew = maxSkew
        self.minDomains = minDomains
        self.filter = filter
        self.isInverse = isInverse
    }

    /// Whether a pod with these labels in this namespace is counted by the group. A missing
    /// selector matches nothing; an empty one matches everything.
    func selects(namespace: String, labels: [String: String]) -> Bool {
        guard let selector else { return false }
        if let namespaces, !namespaces.contains(namespace) { return false }
        return selector.matches(labels: labels)
    }

    /// Counts by position in `domains` (non-hostname groups): read in the hot loops.
    private var indexedCounts: [Int] = []

    func count(_ domain: LabelValue) -> Int { counts[domain] ?? 0 }

    func count(at index: Int) -> Int { index < indexedCounts.count ? indexedCounts[index] : 0 }

    /// Hosts holding at least one matching pod, in a stable order.
    var populatedHosts: [LabelValue] { counts.filter { $0.value > 0 }.map(\.key).sorted { $0.text < $1.text } }

    /// How many simulated NodeClaims (by their placeholder hostnames) already hold a
    /// matching pod; lets the scheduler skip scanning claims that all repel a pod.
    private(set) var populatedClaimHosts = 0

    func record(_ domain: LabelValue, isClaimHost: Bool = false) {
        let previous = counts[domain, default: 0]
        counts[domain] = previous + 1
        total += 1
        if !isHostname, let index = domains.position(of: domain) {
            if indexedCounts.count <= index { indexedCounts += Array(repeating: 0, count: index + 1 - indexedCounts.count) }
            indexedCounts[index] += 1
        }
        if previous == 0 && isClaimHost { populatedClaimHosts += 1 }
    }

    func describeCounts(_ domains: [LabelValue]) -> String {
        let shown = domains.isEmpty ? Array(counts.keys) : domains
        return "{" + shown.map { "\($0.text): \(count($0))" }.sorted().joined(separator: ", ") + "}"
    }
}

/// Which nodes a topology group counts (SCHEDULING.md §7.2): with `nodeAffinityPolicy: Honor`
/// only nodes matching one of the pod's required node-affinity alternatives; with
/// `nodeTaintsPolicy: Honor` only nodes whose taints the pod tolerates.
struct TopologyNodeFilter: Hashable {
    var alternatives: [Requirements]
    var tolerations: [Toleration]?

    static let all = TopologyNodeFilter(alternatives: [], tolerations: nil)

    func matches(_ requirements: Requirements, taints: [Taint], wellKnown: LabelKeySet) -> Bool {
        if let tolerations {
            for taint in taints where taint.effect.rawValue != "PreferNoSchedule" {
                if !tolerations.contains(where: { $0.tolerates(taint) }) { return false }
            }
        }
        if alternatives.isEmpty { return true }
        return alternatives.contains { requirements.isCompatible(with: $0, allowUndefined: wellKnown) }
    }
}

/// The known values of one topology key, in a stable order, shared by every group on the key.
final class DomainList {
    private(set) var values: [LabelValue]
    private var positions: [LabelValue: Int] = [:]

    init(_ values: [LabelValue]) {
        self.values = []
        for value in values { insert(value) }
    }

    func insert(_ value: LabelValue) {
        guard positions[value] == nil else { return }
        positions[value] = values.count
        values.append(value)
    }

    func position(of value: LabelValue) -> Int? { positions[value] }
}
