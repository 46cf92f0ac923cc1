import KarpenterAPI

/// The Kubernetes "effective pod requests" (SCHEDULING.md §4.1): the larger of the regular
/// containers plus sidecars and the biggest init container (with the sidecars started before
/// it), plus the pod overhead, plus `pods: 1`. Limits stand in for missing requests.
public enum PodRequests {
    public static func of(_ pod: Pod) -> ResourceVector {
        of(pod.spec)
    }

    public static func of(_ spec: PodSpec) -> ResourceVector {
        var running = ResourceVector.zero
        for container in spec.containers ?? [] { running = running + requests(container) }
        var sidecars = ResourceVector.zero
        var initPeak = ResourceVector.zero
        for container in spec.initContainers ?? [] {
            let own = requests(container)
            if container.isSidecar {
                sidecars = sidecars + own
                initPeak = initPeak.maximum(sidecars)
            } else {
                initPeak = initPeak.maximum(sidecars + own)
            }
        }
        var total = (running + sidecars).maximum(initPeak)
        if let podLevel = spec.resources.map(effective), podLevel != .zero {
            total = podLevel
        }
        if let overhead = spec.overhead { total = total + ResourceVector(quantities: overhead) }
        total.pods += 1
        return total
    }

    static func requests(_ container: Container) -> ResourceVector {
        container.resources.map(effective) ?? .zero
    }

    /// Requests, with each limit standing in for a missing request (API server defaulting).
    static func effective(_ resources: ResourceRequirements) -> ResourceVector {
        var list = resources.limits ?? [:]
        for (name, quantity) in resources.requests ?? [:] { list[name] = quantity }
        return ResourceVector(quantities: list)
    }
}
