import KarpenterAPI

/// The PodDisruptionBudgets of the cluster, asked per pod whether an eviction would be refused.
struct PDBLimits: Sendable {
    let budgets: [PodDisruptionBudget]

    init(_ budgets: [PodDisruptionBudget]) { self.budgets = budgets }

    enum Verdict: Sendable, Equatable {
        case allowed
        case blocked(pdb: String)
        case multiple([String])
    }

    func verdict(for pod: Pod) -> Verdict {
        let namespace = pod.metadata.namespace ?? "default"
        let labels = pod.metadata.labels ?? [:]
        let matching = budgets.filter { pdb in
            // An absent selector matches nothing; an empty one matches the whole namespace.
            guard (pdb.metadata.namespace ?? "default") == namespace, let selector = pdb.spec.selector else { return false }
            return selector.matches(labels: labels)
        }
        guard let first = matching.first else { return .allowed }
        if matching.count > 1 { return .multiple(matching.map(Self.key).sorted()) }
        guard (first.status?.disruptionsAllowed ?? 0) <= 0 else { return .allowed }
        if first.spec.unhealthyPodEvictionPolicy == "AlwaysAllow" && !PodDisruption.isReady(pod) { return .allowed }
        return .blocked(pdb: Self.key(first))
    }

    static func key(_ pdb: PodDisruptionBudget) -> String {
        "\(pdb.metadata.namespace ?? "default")/\(pdb.metadata.name ?? "")"
    }
}
