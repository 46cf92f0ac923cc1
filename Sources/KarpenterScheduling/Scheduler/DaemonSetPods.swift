import KarpenterAPI

/// The pods DaemonSets would run on a new node, and which of them a given NodePool and
/// instance type would get (SCHEDULING.md §5.2).
struct DaemonSetPods {
    struct Daemon {
        let name: String
        let requests: ResourceVector
        let hostPorts: [HostPort]
        let tolerations: [Toleration]
        /// Strict requirements of each required node-affinity alternative.
        let alternatives: [Requirements]
    }

    let daemons: [Daemon]

    init(_ daemonSets: [DaemonSet]) {
        daemons = daemonSets.map { daemonSet in
            let pod = Pod(metadata: daemonSet.spec.template.metadata ?? ObjectMeta(), spec: daemonSet.spec.template.spec)
            let scheduling = SchedulingPod(pod, preferencePolicy: .ignore)
            return Daemon(name: daemonSet.metadata.name ?? "", requests: scheduling.requests, hostPorts: scheduling.hostPorts,
                          tolerations: scheduling.tolerations, alternatives: scheduling.strictAlternatives)
        }
    }

    /// Overhead and host ports per instance type of `template`.
    func overhead(templateRequirements: Requirements, taints: [Taint], instanceTypes: [InstanceType],
                  wellKnown: LabelKeySet) -> ([ResourceVector], [[HostPort]]) {
        let preferNoSchedule = Toleration(operator: .exists, effect: .preferNoSchedule)
        let candidates = daemons.filter { daemon in
            let tolerations = daemon.tolerations + [preferNoSchedule]
            return taints.allSatisfy { taint in tolerations.contains { $0.tolerates(taint) } }
        }
        var overheads: [ResourceVector] = []
        var ports: [[HostPort]] = []
        overheads.reserveCapacity(instanceTypes.count)
        for instanceType in instanceTypes {
            var total = ResourceVector()
            var hostPorts: [HostPort] = []
            for daemon in candidates where daemon.alternatives.contains(where: { alternative in
                templateRequirements.isCompatible(with: alternative, allowUndefined: wellKnown)
                    && instanceType.requirements.intersects(alternative)
            }) {
                total = total + daemon.requests
                hostPorts += daemon.hostPorts
            }
            overheads.append(total)
            ports.append(hostPorts)
        }
        return (overheads, ports)
    }

    /// DaemonSet requests a node still has to make room for: daemons that would run there and
    /// have no pod on it yet.
    func remaining(on labels: Requirements, taints: [Taint], boundDaemonNames: Set<String>) -> ResourceVector {
        var total = ResourceVector()
        for daemon in daemons where !boundDaemonNames.contains(daemon.name) {
            guard taints.allSatisfy({ taint in daemon.tolerations.contains { $0.tolerates(taint) } }),
                  daemon.alternatives.contains(where: { labels.isCompatible(with: $0) }) else { continue }
            total = total + daemon.requests
        }
        return total
    }
}
