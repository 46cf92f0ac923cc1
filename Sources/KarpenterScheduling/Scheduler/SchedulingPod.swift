import KarpenterAPI

/// A pod as the scheduler works with it: requests, tolerations and the constraints that
/// relaxation may remove one by one (SCHEDULING.md §3.5, §6).
final class SchedulingPod {
    let pod: Pod
    let key: String
    let uid: String
    let namespace: String
    let labels: [String: String]
    let requests: ResourceVector
    let hostPorts: [HostPort]
    var tolerations: [Toleration]
    /// Required node-affinity terms (ORed); relaxation drops the first while more than one remain.
    var requiredTerms: [NodeSelectorTerm]
    /// Preferred node-affinity terms, heaviest first.
    var preferredTerms: [PreferredSchedulingTerm]
    var requiredAffinity: [PodAffinityTerm]
    var preferredAffinity: [WeightedPodAffinityTerm]
    var requiredAntiAffinity: [PodAffinityTerm]
    var preferredAntiAffinity: [WeightedPodAffinityTerm]
    var spreads: [TopologySpreadConstraint]
    /// Steps already taken, in words, for the explain trace.
    var relaxations: [String] = []
    /// Topology groups that constrain this pod: its own and the inverse anti-affinity groups
    /// that select it (filled by `Topology`).
    var constrainingGroups: [TopologyGroup] = []
    /// Non-inverse groups that count this pod where it lands.
    var countingGroups: [TopologyGroup] = []
    /// Groups from the pod's own constraints.
    var ownedGroups: [TopologyGroup] = []
    /// Inverse anti-affinity groups this pod owns (its required anti-affinity terms).
    var ownedInverseGroups: [TopologyGroup] = []

    /// nodeSelector + the first required term (what topology uses to decide reachable domains).
    private(set) var strictRequirements = Requirements()
    /// Strict requirements plus the heaviest preferred node-affinity term.
    private(set) var requirements = Requirements()

    init(_ pod: Pod, preferencePolicy: SchedulerOptions.PreferencePolicy) {
        self.pod = pod
        namespace = pod.metadata.namespace ?? "default"
        key = "\(namespace)/\(pod.metadata.name ?? "")"
        uid = pod.metadata.uid ?? key
        labels = pod.metadata.labels ?? [:]
        requests = PodRequests.of(pod.spec)
        hostPorts = HostPort.of(pod.spec)
        tolerations = pod.spec.tolerations ?? []
        let affinity = pod.spec.affinity
        requiredTerms = affinity?.nodeAffinity?.required?.nodeSelectorTerms ?? []
        requiredAffinity = affinity?.podAffinity?.required ?? []
        requiredAntiAffinity = affinity?.podAntiAffinity?.required ?? []
        let ignorePreferences = preferencePolicy == .ignore
        preferredTerms = ignorePreferences ? [] : Self.byWeight(affinity?.nodeAffinity?.preferred ?? []) { $0.weight }
        preferredAffinity = ignorePreferences ? [] : Self.byWeight(affinity?.podAffinity?.preferred ?? []) { $0.weight }
        preferredAntiAffinity = ignorePreferences ? [] : Self.byWeight(affinity?.podAntiAffinity?.preferred ?? []) { $0.weight }
        spreads = (pod.spec.topologySpreadConstraints ?? []).filter {
            !ignorePreferences || $0.whenUnsatisfiable.rawValue != "ScheduleAnyway"
        }
        rebuildRequirements()
    }

    private static func byWeight<T>(_ items: [T], weight: (T) -> Int) -> [T] {
        items.enumerated().sorted { lhs, rhs in
            let (a, b) = (weight(lhs.element), weight(rhs.element))
            return a != b ? a > b : lhs.offset < rhs.offset
        }.map(\.element)
    }

    func rebuildRequirements() {
        strictRequirements = RequirementsFromPod.requirements(nodeSelector: pod.spec.nodeSelector, term: requiredTerms.first)
        var full = strictRequirements
        if let preferred = preferredTerms.first {
            for expression in preferred.preference.matchExpressions ?? [] {
                if let requirement = RequirementsFromPod.requirement(expression) { full.add(requirement) }
            }
        }
        requirements = full
    }

    /// Strict requirements of every required term (ORed), for topology node filters.
    var strictAlternatives: [Requirements] {
        if requiredTerms.isEmpty {
            return [RequirementsFromPod.requirements(nodeSelector: pod.spec.nodeSelector, term: nil)]
        }
        return requiredTerms.map { RequirementsFromPod.requirements(nodeSelector: pod.spec.nodeSelector, term: $0) }
    }

    var creationTimestamp: String { pod.metadata.creationTimestamp ?? "" }

    func tolerates(_ taint: Taint) -> Bool {
        tolerations.contains { $0.tolerates(taint) }
    }
}
