import KarpenterAPI

/// Finds the pod a person named in a live cluster: `explain pod NAME -n NS`. NAME may also be
/// a workload's name (`web` for a Deployment's pods), which explains one of its pods, an
/// unbound one first.
enum LivePodLookup {
    enum Outcome {
        case found(Pod, note: String?)
        case notFound(String)
    }

    static func find(_ name: String, namespace: String, in values: [JSONValue]) -> Outcome {
        let pods = values.compactMap { try? $0.decode(Pod.self) }
        let inNamespace = pods.filter { ($0.metadata.namespace ?? "default") == namespace }
        if let pod = inNamespace.first(where: { $0.metadata.name == name }) { return .found(pod, note: nil) }
        let owned = inNamespace.filter { ownedByWorkload($0, named: name) }
            .sorted { ($0.spec.nodeName == nil ? 0 : 1, $0.metadata.name ?? "") < ($1.spec.nodeName == nil ? 0 : 1, $1.metadata.name ?? "") }
        if let first = owned.first {
            return .found(first, note: "\(name) names a workload; explaining its pod \(namespace)/\(first.metadata.name ?? "") (of \(owned.count))")
        }
        var message = "pod \"\(name)\" not found in namespace \"\(namespace)\""
        let elsewhere = Set(pods.filter { $0.metadata.name == name }.map { $0.metadata.namespace ?? "default" }).sorted()
        if let other = elsewhere.first {
            message += "; it exists in namespace \(elsewhere.joined(separator: ", ")) (use -n \(other))"
        } else {
            message += "\nhint: list the pods there with: kubectl get pods -n \(namespace)"
        }
        return .notFound(message)
    }

    /// Pods of a Deployment (through its ReplicaSet `<name>-<hash>`), StatefulSet, Job or DaemonSet.
    private static func ownedByWorkload(_ pod: Pod, named name: String) -> Bool {
        (pod.metadata.ownerReferences ?? []).contains { owner in
            owner.kind == "ReplicaSet" ? owner.name.hasPrefix(name + "-") && !owner.name.dropFirst(name.count + 1).contains("-")
                : owner.name == name
        }
    }
}
