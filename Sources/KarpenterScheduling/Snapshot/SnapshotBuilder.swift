import KarpenterAPI

/// Builds the scheduler's input from manifests, as the controller would see the cluster:
/// NodePools defaulted by the API server, workloads expanded to the pods their controllers
/// create, every unbound pod treated as marked unschedulable by kube-scheduler, bound pods
/// attached to their nodes. `build(_ cluster:)` does the same for a live cluster's objects.
/// Pure: no file or network access.
public struct SnapshotBuilder: Sendable {
    public var source: InstanceTypeSource
    public var options: SchedulerOptions

    /// - Parameter options: scheduler options; `wellKnownLabels` is widened by the source's keys.
    public init(source: InstanceTypeSource, options: SchedulerOptions = SchedulerOptions()) {
        self.source = source
        self.options = options
    }

    public func build(_ files: [ManifestFile]) -> SnapshotBuild {
        var assembly = SnapshotAssembly(source: source, input: .manifests)
        for object in ManifestObject.all(in: files) { assembly.read(object) }
        assembly.noteSkippedKinds()
        assembly.expandWorkloads()
        return finish(assembly)
    }

    /// The snapshot of a live cluster, as the controller sees it: objects are taken as the API
    /// server admitted them, pods are not made up from workloads, only pods kube-scheduler
    /// marked Unschedulable are pending (the others are in `notProvisionable`), terminating and
    /// finished pods are left out, and NodeClaims without a Node yet are in-flight capacity.
    /// PodDisruptionBudgets and events are not part of a scheduling snapshot.
    public func build(_ cluster: ClusterObjects) -> SnapshotBuild {
        var assembly = SnapshotAssembly(source: source, input: .cluster)
        for object in ManifestObject.all(in: cluster) { assembly.read(object) }
        assembly.noteSkippedKinds()
        return finish(assembly)
    }

    private func finish(_ assembly: SnapshotAssembly) -> SnapshotBuild {
        var assembly = assembly
        var options = self.options
        options.wellKnownLabels = options.wellKnownLabels.union(source.wellKnownLabels)
        let (nodePools, instanceTypes, summaries) = assembly.resolveNodePools()
        let (pending, existing, others) = assembly.placePods()
        let snapshot = SchedulingSnapshot(pendingPods: pending, nodePools: nodePools, instanceTypes: instanceTypes,
                                          existingNodes: existing, daemonSets: assembly.daemonSets.map(\.0),
                                          otherPods: others, options: options)
        return SnapshotBuild(snapshot: snapshot, diagnostics: assembly.diagnostics, nodePools: summaries,
                             podOrigins: assembly.origins, source: source.description,
                             notProvisionable: assembly.notProvisionable)
    }
}
