/// Where a snapshot's objects come from. Manifests are what a user means to apply: they are
/// admitted as the API server would, workloads become pods, and every unbound pod counts as
/// marked unschedulable. A live cluster's objects are already admitted, its pods exist, and
/// kube-scheduler's marks are real.
enum SnapshotInput: Sendable {
    case manifests
    case cluster

    /// How diagnostics name the whole input.
    var name: String {
        switch self {
        case .manifests: return "the input"
        case .cluster: return "the cluster"
        }
    }
}
