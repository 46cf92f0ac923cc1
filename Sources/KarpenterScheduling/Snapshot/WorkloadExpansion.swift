import KarpenterAPI

/// Turns a workload into the pods its controller would create. Names are deterministic
/// (`<name>-<index>`; a StatefulSet's are its real `<name>-<ordinal>`), so a simulation is
/// repeatable and `explain pod web-0` works on any machine.
enum WorkloadExpansion {
    /// No single workload may ask for more pods than this: a typo in `replicas` must not eat memory.
    static let maxReplicas = 100_000

    struct Workload {
        var kind: String
        var apiVersion: String
        var metadata: ObjectMeta
        var template: PodTemplateSpec
        var replicas: Int
    }

    static func workload(kind: String, _ value: JSONValue, object: ManifestObject) -> Result<Workload, SnapshotDiagnostic> {
        switch kind {
        case "Deployment":
            return ObjectDecoding.decode(Deployment.self, value, object: object).map {
                Workload(kind: kind, apiVersion: "apps/v1", metadata: $0.metadata, template: $0.spec.template, replicas: $0.spec.replicas ?? 1)
            }
        case "ReplicaSet":
            return ObjectDecoding.decode(ReplicaSet.self, value, object: object).map {
                Workload(kind: kind, apiVersion: "apps/v1", metadata: $0.metadata, template: $0.spec.template, replicas: $0.spec.replicas ?? 1)
            }
        case "StatefulSet":
            return ObjectDecoding.decode(StatefulSet.self, value, object: object).map {
                Workload(kind: kind, apiVersion: "apps/v1", metadata: $0.metadata, template: $0.spec.template, replicas: $0.spec.replicas ?? 1)
            }
        case "Job":
            return ObjectDecoding.decode(Job.self, value, object: object).map { job in
                // Active pods of a fresh Job: parallelism (default 1), capped by completions.
                var active = job.spec.parallelism ?? 1
                if let completions = job.spec.completions { active = min(active, completions) }
                return Workload(kind: kind, apiVersion: "batch/v1", metadata: job.metadata, template: job.spec.template, replicas: active)
            }
        default:
            return .failure(SnapshotDiagnostic(.error, file: object.file, location: object.location(), object: object.label,
                                               "\(kind) is not a workload kind"))
        }
    }

    static func pods(of workload: Workload, namespace: String) -> [Pod] {
        let name = workload.metadata.name ?? ""
        let templateHash = FNV.hash(name + "/" + String(describing: workload.template)).prefix(10)
        var pods: [Pod] = []
        pods.reserveCapacity(workload.replicas)
        for index in 0..<workload.replicas {
            var metadata = workload.template.metadata
            let podName = "\(name)-\(index)"
            metadata.name = podName
            metadata.generateName = nil
            metadata.namespace = namespace
            metadata.uid = "\(namespace)-\(podName)-uid"
            var labels = metadata.labels ?? [:]
            switch workload.kind {
            case "Deployment":
                labels["pod-template-hash"] = String(templateHash)
            case "StatefulSet":
                labels["statefulset.kubernetes.io/pod-name"] = podName
                labels["apps.kubernetes.io/pod-index"] = String(index)
            case "Job":
                labels["batch.kubernetes.io/job-name"] = name
                labels["job-name"] = name
            default:
                break
            }
            metadata.labels = labels
            metadata.ownerReferences = [OwnerReference(apiVersion: workload.apiVersion, kind: workload.kind == "Deployment" ? "ReplicaSet" : workload.kind,
                                                       name: workload.kind == "Deployment" ? "\(name)-\(templateHash)" : name,
                                                       uid: workload.metadata.uid ?? "\(namespace)-\(name)-uid", controller: true, blockOwnerDeletion: true)]
            var spec = workload.template.spec
            spec.nodeName = nil
            pods.append(Pod(metadata: metadata, spec: spec))
        }
        return pods
    }
}

/// 64-bit FNV-1a as lowercase hex: a stable, dependency-free hash for generated names.
enum FNV {
    static func hash(_ text: String) -> String {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value &*= 0x0000_0100_0000_01B3
        }
        let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
        var out = ""
        for _ in 0..<12 {
            out.append(alphabet[Int(value % UInt64(alphabet.count))])
            value /= UInt64(alphabet.count)
        }
        return out
    }
}
