import KarpenterAPI

/// The objects to create in an empty cluster so it holds what the manifests describe: every
/// object as written, with workloads (Deployment, ReplicaSet, StatefulSet, Job) replaced by the
/// pods their controllers would create (an in-memory cluster has no such controllers), in
/// dependency order: namespaces, node classes, NodePools, nodes, then the rest.
public enum ManifestSeed {
    public static func objects(in files: [ManifestFile]) -> [JSONValue] {
        var assembly = SnapshotAssembly(source: .fixed([], description: "seed"))
        let objects = ManifestObject.all(in: files)
        for object in objects { assembly.read(object) }
        assembly.expandWorkloads()
        let workloadKinds: Set<String> = ["Deployment", "ReplicaSet", "StatefulSet", "Job"]
        var seeds = objects.filter { !workloadKinds.contains($0.kind) && $0.kind != "Pod" }.map(\.value)
        seeds += assembly.pods.compactMap { try? JSONValue.encode($0.0) }.map(stamped)
        let namespaces = Set(seeds.compactMap { $0["metadata"]?["namespace"]?.stringValue })
            .subtracting(["default", "kube-system", "kube-public", "kube-node-lease"]).sorted()
        let namespaceObjects: [JSONValue] = namespaces.map {
            .object(["apiVersion": .string("v1"), "kind": .string("Namespace"), "metadata": .object(["name": .string($0)])])
        }
        return namespaceObjects + seeds.sorted { rank($0) < rank($1) }
    }

    private static func stamped(_ pod: JSONValue) -> JSONValue {
        var pod = pod
        if pod["apiVersion"] == nil { pod["apiVersion"] = .string("v1") }
        if pod["kind"] == nil { pod["kind"] = .string("Pod") }
        return pod
    }

    private static func rank(_ object: JSONValue) -> Int {
        switch object["kind"]?.stringValue ?? "" {
        case "Namespace": 0
        case KarpenterKind.aksNodeClass: 1
        case KarpenterKind.nodePool: 2
        case "Node", KarpenterKind.nodeClaim: 3
        case "DaemonSet", "PodDisruptionBudget": 4
        default: 5
        }
    }
}
