import KarpenterAPI

extension SnapshotAssembly {
    /// Gives each NodePool the instance types of its node class. A NodePool whose node class
    /// is missing or invalid gets none (Karpenter would keep it not Ready), and says why.
    mutating func resolveNodePools() -> ([NodePool], [String: [InstanceType]], [NodePoolSummary]) {
        var result: [NodePool] = []
        var byPool: [String: [InstanceType]] = [:]
        var summaries: [NodePoolSummary] = []
        var cache: [String: Result<[InstanceType], NodeClassProblem>] = [:]
        for (original, object) in nodePools {
            var nodePool = original
            let name = nodePool.metadata.name ?? ""
            let ref = nodePool.spec.template.spec.nodeClassRef
            let nodeClassLabel = ref.map { "\($0.kind)/\($0.name)" } ?? "<none>"
            let outcome: Result<[InstanceType], NodeClassProblem>
            if let cached = cache[nodeClassLabel] {
                outcome = cached
            } else {
                outcome = instanceTypes(for: ref)
                cache[nodeClassLabel] = outcome
            }
            var summary = NodePoolSummary(name: name, nodeClass: nodeClassLabel, instanceTypeCount: 0)
            switch outcome {
            case .success(let types):
                byPool[name] = types
                summary.instanceTypeCount = types.count
                if types.isEmpty {
                    summary.problem = "\(source.description) has no instance types for \(nodeClassLabel)"
                }
            case .failure(let problem):
                byPool[name] = []
                summary.problem = problem.message
                summary.hint = problem.hint
                report(.warning, object, at: FieldPath(dotted: "spec.template.spec.nodeClassRef"),
                       problem.message + "; the NodePool cannot launch nodes", hint: problem.hint)
            }
            setReady(&nodePool, summary.problem)
            result.append(nodePool)
            summaries.append(summary)
        }
        return (result, byPool, summaries)
    }

    struct NodeClassProblem: Error {
        var message: String
        var hint: String?
    }

    private func instanceTypes(for ref: NodeClassReference?) -> Result<[InstanceType], NodeClassProblem> {
        guard let ref else {
            return .failure(NodeClassProblem(message: "no nodeClassRef", hint: "set spec.template.spec.nodeClassRef to an AKSNodeClass"))
        }
        let label = "\(ref.kind)/\(ref.name)"
        if let kind = source.nodeClassKind, ref.kind != kind {
            return .failure(NodeClassProblem(message: "nodeClassRef kind \(ref.kind) is not served by the \(source.description) (it serves \(kind))",
                                              hint: "use kind: \(kind), group: \(KarpenterAPIGroup.azure)"))
        }
        if invalid.contains(label) {
            return .failure(NodeClassProblem(message: "\(label) is invalid", hint: "fix the errors reported for \(label)"))
        }
        // A user catalog serves every NodePool the same types, so its node class need not be given.
        guard present.contains(label) || source.nodeClassKind == nil else {
            let hint = input == .manifests
                ? "add the \(ref.kind) named \"\(ref.name)\" to the manifests; until it exists Karpenter keeps the NodePool not Ready"
                : "create the \(ref.kind) named \"\(ref.name)\"; until it exists Karpenter keeps the NodePool not Ready"
            return .failure(NodeClassProblem(message: "\(label) is not in \(input.name)", hint: hint))
        }
        do {
            return .success(try source.instanceTypes(for: ref.kind == KarpenterKind.aksNodeClass ? nodeClasses[ref.name] : nil))
        } catch {
            return .failure(NodeClassProblem(message: "no instance types for \(label): \(error)", hint: nil))
        }
    }

    /// Offline there is no controller to set readiness: derive it from the node class. A live
    /// NodePool keeps the controller's conditions unless its node class is missing here.
    private func setReady(_ nodePool: inout NodePool, _ problem: String?) {
        if input == .cluster && problem == nil { return }
        var status = nodePool.status ?? NodePoolStatus()
        var conditions = (status.conditions ?? []).filter { $0.type != ConditionType.ready && $0.type != "NodeClassReady" }
        let ready = problem == nil
        conditions.append(Condition(type: "NodeClassReady", status: ready ? .true : .false,
                                    reason: ready ? "NodeClassReady" : "NodeClassNotReady", message: problem))
        conditions.append(Condition(type: ConditionType.ready, status: ready ? .true : .false,
                                    reason: ready ? "Ready" : "NodeClassNotReady", message: problem))
        status.conditions = conditions
        nodePool.status = status
    }
}
