import KarpenterAPI

extension SnapshotAssembly {
    /// Replaces each workload by its pods, at the workload's place in the input order. A
    /// workload whose pods are already in the input (a dump of a live cluster) is not
    /// expanded again, nor is a ReplicaSet whose Deployment is present.
    mutating func expandWorkloads() {
        var expanded: [(Pod, PodOrigin)] = []
        var next = 0
        for (position, (workload, object)) in zip(workloadPositions, workloads) {
            while next < position { expanded.append(pods[next]); next += 1 }
            let namespace = workload.metadata.namespace ?? "default"
            let name = workload.metadata.name ?? ""
            if workload.kind == "ReplicaSet", let owner = workload.metadata.ownerReferences?.first(where: { $0.kind == "Deployment" }),
               workloads.contains(where: { $0.0.kind == "Deployment" && $0.0.metadata.name == owner.name && ($0.0.metadata.namespace ?? "default") == namespace }) {
                report(.note, object, "not expanded: its Deployment \(owner.name) is in the input")
                continue
            }
            let existing = pods.filter { ownedBy($0.0, workload: workload, namespace: namespace) }.count
            if existing > 0 {
                report(.note, object, "not expanded: \(existing) of its pods are in the input")
                continue
            }
            let origin = PodOrigin(owner: "\(workload.kind)/\(name)", file: object.file, location: object.location())
            for pod in WorkloadExpansion.pods(of: workload, namespace: namespace) {
                expanded.append((pod, origin))
            }
        }
        while next < pods.count { expanded.append(pods[next]); next += 1 }
        pods = expanded
    }

    private func ownedBy(_ pod: Pod, workload: WorkloadExpansion.Workload, namespace: String) -> Bool {
        guard (pod.metadata.namespace ?? "default") == namespace, let name = workload.metadata.name else { return false }
        for owner in pod.metadata.ownerReferences ?? [] {
            if owner.kind == workload.kind && owner.name == name { return true }
            if workload.kind == "Deployment" && owner.kind == "ReplicaSet" && owner.name.hasPrefix(name + "-") { return true }
        }
        return false
    }
}
