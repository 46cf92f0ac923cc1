import KarpenterAPI

/// The mutable state of one `SnapshotBuilder.build` call: objects by kind, in input order.
struct SnapshotAssembly {
    let source: InstanceTypeSource
    let input: SnapshotInput
    var diagnostics: [SnapshotDiagnostic] = []
    var nodePools: [(NodePool, ManifestObject)] = []
    var nodeClasses: [String: AKSNodeClass] = [:]
    /// `Kind/name` of every object read (node classes of any kind), and those that were invalid.
    var present: Set<String> = []
    var invalid: Set<String> = []
    var pods: [(Pod, PodOrigin)] = []
    var workloads: [(WorkloadExpansion.Workload, ManifestObject)] = []
    var daemonSets: [(DaemonSet, ManifestObject)] = []
    var nodes: [(Node, ManifestObject)] = []
    var nodeClaims: [(NodeClaim, ManifestObject)] = []
    var skippedKinds: [String: Int] = [:]
    var origins: [String: PodOrigin] = [:]
    var notProvisionable: [NotProvisionablePod] = []
    /// Where workloads go in the pod order: index into `pods` at the time the workload was read.
    var workloadPositions: [Int] = []

    init(source: InstanceTypeSource, input: SnapshotInput = .manifests) {
        self.source = source
        self.input = input
    }

    mutating func report(_ severity: SnapshotDiagnostic.Severity, _ object: ManifestObject, at path: FieldPath = .root,
                         _ message: String, hint: String? = nil) {
        add(SnapshotDiagnostic(severity, file: object.file, location: object.location(of: path),
                               object: object.label, message, hint: hint))
    }

    /// Records a diagnostic; a live object has no file and no line to point at.
    mutating func add(_ diagnostic: SnapshotDiagnostic) {
        var diagnostic = diagnostic
        if input == .cluster {
            diagnostic.file = nil
            diagnostic.location = nil
        }
        diagnostics.append(diagnostic)
    }

    mutating func read(_ object: ManifestObject) {
        guard object.value.objectValue != nil else {
            report(.error, object, "a manifest document must be a mapping with apiVersion, kind and metadata")
            return
        }
        if object.kind.isEmpty || object.apiVersion.isEmpty {
            report(.error, object, "missing \(object.kind.isEmpty ? "kind" : "apiVersion")", hint: "every object needs apiVersion and kind")
            return
        }
        if object.name.isEmpty && object.kind != "InstanceTypeCatalog" {
            report(.error, object, at: FieldPath(dotted: "metadata.name"), "metadata.name is required here",
                   hint: "give the object a name (generateName is not expanded offline)")
            return
        }
        present.insert("\(object.kind)/\(object.name)")
        switch object.kind {
        case KarpenterKind.nodePool: readNodePool(object)
        case KarpenterKind.aksNodeClass: readNodeClass(object)
        case KarpenterKind.nodeClaim: readNodeClaim(object)
        case "Pod": readPod(object)
        case "Deployment", "ReplicaSet", "StatefulSet", "Job" where input == .manifests: readWorkload(object)
        case "DaemonSet":
            if case .success(let daemonSet) = decode(DaemonSet.self, object) { daemonSets.append((daemonSet, object)) }
        case "Node":
            if case .success(let node) = decode(Node.self, object) { nodes.append((node, object)) }
        case "InstanceTypeCatalog":
            report(.warning, object, "an InstanceTypeCatalog among the manifests is not used",
                   hint: "pass it with --instance-types FILE")
        default:
            skippedKinds[object.kind, default: 0] += 1
        }
    }

    mutating func decode<T: Decodable>(_ type: T.Type, _ object: ManifestObject, value: JSONValue? = nil) -> Result<T, SnapshotDiagnostic> {
        let result = ObjectDecoding.decode(type, value ?? object.value, object: object)
        if case .failure(let problem) = result { add(problem) }
        return result
    }

    /// Runs the API server's defaulting and validation; nil (with errors reported) when rejected.
    mutating func admitted(_ object: ManifestObject) -> JSONValue? {
        let review = Admission.review(object.value)
        for issue in review.errors {
            report(.error, object, at: issue.path, "\(issue.path): \(issue.message)", hint: issue.hint)
        }
        guard review.verdict != .rejected else {
            invalid.insert("\(object.kind)/\(object.name)")
            report(.note, object, "left out of the simulation: the API server would reject it",
                   hint: "run `kubectl karpenter validate -f \(object.file)` for details")
            return nil
        }
        return review.defaulted
    }

    /// Manifests are admitted as the API server would; live objects already were.
    mutating func admittedIfManifest(_ object: ManifestObject) -> JSONValue? {
        input == .cluster ? object.value : admitted(object)
    }

    mutating func readNodePool(_ object: ManifestObject) {
        guard var defaulted = admittedIfManifest(object) else { return }
        if defaulted["apiVersion"]?.stringValue == KarpenterAPIGroup.coreV1beta1 {
            defaulted = NodePoolConversion.v1beta1ToV1(defaulted).converted
        }
        guard case .success(let nodePool) = decode(NodePool.self, object, value: defaulted) else { return }
        if nodePools.contains(where: { $0.0.metadata.name == nodePool.metadata.name }) {
            report(.error, object, "a NodePool named \"\(object.name)\" appears twice; the second is left out")
            return
        }
        nodePools.append((nodePool, object))
    }

    mutating func readNodeClass(_ object: ManifestObject) {
        guard let defaulted = admittedIfManifest(object) else { return }
        guard case .success(let nodeClass) = decode(AKSNodeClass.self, object, value: defaulted) else {
            invalid.insert("\(object.kind)/\(object.name)")
            return
        }
        nodeClasses[object.name] = nodeClass
    }

    mutating func readNodeClaim(_ object: ManifestObject) {
        let value = input == .cluster ? object.value : Admission.review(object.value).defaulted
        guard case .success(let nodeClaim) = decode(NodeClaim.self, object, value: value) else { return }
        nodeClaims.append((nodeClaim, object))
    }

    mutating func readPod(_ object: ManifestObject) {
        guard case .success(var pod) = decode(Pod.self, object) else { return }
        if pod.metadata.namespace == nil { pod.metadata.namespace = "default" }
        pods.append((pod, PodOrigin(owner: "Pod/\(object.name)", file: object.file, location: object.location())))
    }

    mutating func readWorkload(_ object: ManifestObject) {
        switch WorkloadExpansion.workload(kind: object.kind, object.value, object: object) {
        case .success(let workload):
            if workload.replicas < 0 || workload.replicas > WorkloadExpansion.maxReplicas {
                report(.error, object, at: FieldPath(dotted: object.kind == "Job" ? "spec.parallelism" : "spec.replicas"),
                       "\(workload.replicas) replicas is outside 0...\(WorkloadExpansion.maxReplicas); the workload is left out")
                return
            }
            workloads.append((workload, object))
            workloadPositions.append(pods.count)
        case .failure(let problem):
            add(problem)
        }
    }

    mutating func noteSkippedKinds() {
        guard !skippedKinds.isEmpty else { return }
        let list = skippedKinds.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        add(SnapshotDiagnostic(.note, "not used by the simulation: \(list)"))
    }
}
