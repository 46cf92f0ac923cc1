import KarpenterAPI

/// Builds the scheduler's input from manifests, as the controller would see the cluster:
/// NodePools defaulted by the API server, workloads expanded to the pods their controllers
/// create, every unbound pod treated as marked unschedulable by kube-scheduler, bound pods
/// attached to their nodes. Pure: no file or network access.
public struct SnapshotBuilder: Sendable {
    public var source: InstanceTypeSource
    public var options: SchedulerOptions

    /// - Parameter options: scheduler options; `wellKnownLabels` is widened by the source's keys.
    public init(source: InstanceTypeSource, options: SchedulerOptions = SchedulerOptions()) {
        self.source = source
        self.options = options
    }

    public func build(_ files: [ManifestFile]) -> SnapshotBuild {
        var assembly = SnapshotAssembly(source: source)
        for object in ManifestObject.all(in: files) { assembly.read(object) }
        assembly.noteSkippedKinds()
        assembly.expandWorkloads()
        var options = self.options
        options.wellKnownLabels = options.wellKnownLabels.union(source.wellKnownLabels)
        let (nodePools, instanceTypes, summaries) = assembly.resolveNodePools()
        let (pending, existing, others) = assembly.placePods()
        let snapshot = SchedulingSnapshot(pendingPods: pending, nodePools: nodePools, instanceTypes: instanceTypes,
                                          existingNodes: existing, daemonSets: assembly.daemonSets.map(\.0),
                                          otherPods: others, options: options)
        return SnapshotBuild(snapshot: snapshot, diagnostics: assembly.diagnostics, nodePools: summaries,
                             podOrigins: assembly.origins, source: source.description)
    }
}
