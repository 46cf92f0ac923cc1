import KarpenterAPI

/// A scheduling snapshot made from manifests or a live cluster, with what was read and what
/// was left out.
public struct SnapshotBuild: Sendable {
    public var snapshot: SchedulingSnapshot
    public var diagnostics: [SnapshotDiagnostic]
    /// Per NodePool (in input order): its instance types and, when it has none, why.
    public var nodePools: [NodePoolSummary]
    /// Where each pending pod came from (`Deployment/web`, `Pod/x` at file:line).
    public var podOrigins: [String: PodOrigin]
    public var source: String
    /// Unbound pods left out of `snapshot.pendingPods`, with why (in a live cluster: pods
    /// kube-scheduler has not marked Unschedulable yet, among others).
    public var notProvisionable: [NotProvisionablePod] = []

    public var errors: [SnapshotDiagnostic] { diagnostics.filter { $0.severity == .error } }
}

public struct NodePoolSummary: Sendable, Hashable {
    public var name: String
    public var nodeClass: String
    public var instanceTypeCount: Int
    /// Why the NodePool cannot launch anything (missing node class...), nil when usable.
    public var problem: String?
    public var hint: String?
}

public struct PodOrigin: Sendable, Hashable {
    /// `Deployment/web`, or `Pod/web-0` for a pod written out in the manifests.
    public var owner: String
    public var file: String
    public var location: SourceLocation
}
