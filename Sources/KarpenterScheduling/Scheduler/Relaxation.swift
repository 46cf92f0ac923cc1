import KarpenterAPI

/// Relaxes one soft constraint of a pod that failed to schedule, in upstream's fixed order
/// (SCHEDULING.md §6). Returns what was done, or nil when nothing is left to relax.
struct Relaxation {
    let preferNoScheduleExists: Bool

    func relax(_ pod: SchedulingPod) -> String? {
        if pod.requiredTerms.count > 1 {
            pod.requiredTerms.removeFirst()
            pod.rebuildRequirements()
            return "removed the first required node affinity term (\(pod.requiredTerms.count) alternative(s) left)"
        }
        if !pod.preferredAffinity.isEmpty {
            let removed = pod.preferredAffinity.removeFirst()
            return "removed preferred pod affinity term (weight \(removed.weight), topologyKey \(removed.podAffinityTerm.topologyKey))"
        }
        if !pod.preferredAntiAffinity.isEmpty {
            let removed = pod.preferredAntiAffinity.removeFirst()
            return "removed preferred pod anti-affinity term (weight \(removed.weight), topologyKey \(removed.podAffinityTerm.topologyKey))"
        }
        if !pod.preferredTerms.isEmpty {
            let removed = pod.preferredTerms.removeFirst()
            pod.rebuildRequirements()
            return "removed preferred node affinity term (weight \(removed.weight))"
        }
        if let index = pod.spreads.firstIndex(where: { $0.whenUnsatisfiable == .scheduleAnyway }) {
            let removed = pod.spreads.remove(at: index)
            return "removed ScheduleAnyway topology spread on \(removed.topologyKey)"
        }
        let tolerance = Toleration(operator: .exists, effect: .preferNoSchedule)
        if preferNoScheduleExists, !pod.tolerations.contains(tolerance) {
            pod.tolerations.append(tolerance)
            return "added a toleration for PreferNoSchedule taints"
        }
        return nil
    }
}
