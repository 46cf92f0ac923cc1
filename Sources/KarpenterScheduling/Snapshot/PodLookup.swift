/// Finds the pod a person named: `kubectl karpenter explain pod NAME [-n NS]`.
public enum PodLookup: Sendable, Hashable {
    /// The pod's key, plus a note when the name was resolved loosely (a workload's first pod).
    case found(String, note: String?)
    case notFound(String)

    public static func find(_ name: String, namespace: String?, in build: SnapshotBuild) -> PodLookup {
        let keys = podKeys(build)
        let namespaceName = namespace ?? "default"
        let exact = "\(namespaceName)/\(name)"
        if keys.contains(exact) { return .found(exact, note: nil) }
        // A workload name: explain its first unschedulable pod, else its first pod.
        let owned = build.snapshot.pendingPods.filter {
            ($0.metadata.namespace ?? "default") == namespaceName && build.podOrigins[key($0)]?.owner.split(separator: "/").last.map(String.init) == name
        }.map(key)
        if let first = owned.first {
            return .found(first, note: "\(name) names a workload; explaining its pod \(first) (of \(owned.count))")
        }
        for node in build.snapshot.existingNodes where node.pods.contains(where: { key($0) == exact }) {
            return .notFound("pod \(exact) is already bound to node \(node.name); explain covers pending pods")
        }
        var message = "pod \"\(name)\" not found in namespace \"\(namespaceName)\""
        let elsewhere = keys.filter { $0.hasSuffix("/" + name) }
        if let other = elsewhere.first {
            message += "; it exists as \(other) (use -n \(other.split(separator: "/")[0]))"
        } else {
            let candidates = keys.filter { $0.hasPrefix(namespaceName + "/") }.sorted()
            if !candidates.isEmpty {
                message += "; pending pods there: " + candidates.prefix(8).map { String($0.dropFirst(namespaceName.count + 1)) }.joined(separator: ", ")
                    + (candidates.count > 8 ? " and \(candidates.count - 8) more" : "")
            } else if keys.isEmpty {
                message += "; the input has no pending pods"
            }
        }
        return .notFound(message)
    }

    /// `namespace/name`, the key pods go by in snapshots, results and explanations.
    public static func key(_ pod: Pod) -> String { "\(pod.metadata.namespace ?? "default")/\(pod.metadata.name ?? "")" }

    static func podKeys(_ build: SnapshotBuild) -> Set<String> {
        Set(build.snapshot.pendingPods.map(key))
    }
}

import KarpenterAPI
