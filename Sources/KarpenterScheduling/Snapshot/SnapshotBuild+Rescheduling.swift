import KarpenterAPI

extension SnapshotBuild {
    /// This build with an unbound pod the provisioner leaves alone made pending, as if
    /// kube-scheduler had marked it Unschedulable: what Karpenter will do once it is marked.
    public func treatingAsPending(_ podKey: String) -> SnapshotBuild? {
        guard let index = notProvisionable.firstIndex(where: { $0.key == podKey }) else { return nil }
        var build = self
        var pod = build.notProvisionable.remove(at: index).pod
        SnapshotAssembly.markUnschedulable(&pod)
        build.snapshot.pendingPods.append(pod)
        return build
    }

    /// This build with a bound pod taken off its node and made pending: where the pod would go
    /// if it were rescheduled now. Nil when no known node holds the pod.
    public func reschedulingBoundPod(_ podKey: String) -> (build: SnapshotBuild, node: String)? {
        for (nodeIndex, node) in snapshot.existingNodes.enumerated() {
            guard let podIndex = node.pods.firstIndex(where: { PodLookup.key($0) == podKey }) else { continue }
            var build = self
            var pod = build.snapshot.existingNodes[nodeIndex].pods.remove(at: podIndex)
            pod.spec.nodeName = nil
            if var status = pod.status {
                status.conditions = status.conditions?.filter { $0.type != "PodScheduled" }
                pod.status = status
            }
            SnapshotAssembly.markUnschedulable(&pod)
            build.snapshot.pendingPods = [pod]
            return (build, node.name)
        }
        return nil
    }
}
