import KarpenterAPI

/// Which pods the provisioner looks at, and which it must ignore (SCHEDULING.md §1).
public enum PodEligibility {
    /// Marked unschedulable by kube-scheduler, unbound, not nominated, not a DaemonSet or mirror pod.
    public static func isProvisionable(_ pod: Pod) -> Bool {
        guard pod.spec.nodeName?.isEmpty ?? true, pod.status?.nominatedNodeName?.isEmpty ?? true,
              !isDaemonSetPod(pod), !isMirrorPod(pod) else { return false }
        return pod.status?.conditions?.contains { $0.type == "PodScheduled" && $0.reason == "Unschedulable" } ?? false
    }

    public static func isDaemonSetPod(_ pod: Pod) -> Bool {
        pod.metadata.ownerReferences?.contains { $0.kind == "DaemonSet" } ?? false
    }

    public static func isMirrorPod(_ pod: Pod) -> Bool {
        pod.metadata.ownerReferences?.contains { $0.kind == "Node" } ?? false
    }

    public static func isTerminal(_ pod: Pod) -> Bool {
        let phase = pod.status?.phase?.rawValue
        return phase == "Succeeded" || phase == "Failed"
    }

    /// Why Karpenter refuses to consider a pod, or nil when it may (SCHEDULING.md §1 a–c).
    static func refusal(_ pod: Pod) -> SchedulingFailure? {
        let selector = pod.spec.nodeSelector ?? [:]
        let terms = pod.spec.affinity?.nodeAffinity?.required?.nodeSelectorTerms ?? []
        let firstTerm = terms.first?.matchExpressions ?? []
        if firstTerm.contains(where: { $0.key == SchedulingLabel.nodePool && $0.operator == .doesNotExist }) {
            return SchedulingFailure(.notForKarpenter, "configured to not run on a Karpenter provisioned node",
                                     hint: "the pod requires karpenter.sh/nodepool DoesNotExist; remove that to let Karpenter provision for it")
        }
        if terms.contains(where: { !($0.matchFields ?? []).isEmpty }) {
            return SchedulingFailure(.invalidPod, "ignoring pod, node selector term with matchFields is not supported",
                                     hint: "use matchExpressions on node labels instead of matchFields")
        }
        var expressions = selector.map { NodeSelectorRequirement(key: $0.key, operator: .in, values: [$0.value]) }
        for term in terms { expressions += term.matchExpressions ?? [] }
        for expression in expressions {
            if let problem = problem(with: expression) {
                return SchedulingFailure(.invalidPod, "ignoring pod, \(problem)",
                                         hint: "fix the pod's nodeSelector or node affinity")
            }
        }
        return nil
    }

    private static func problem(with expression: NodeSelectorRequirement) -> String? {
        let key = LabelKeyNormalization.normalize(expression.key)
        guard let op = RequirementOperator(rawValue: expression.operator.rawValue) else {
            return "key \(key): unsupported operator \"\(expression.operator.rawValue)\""
        }
        if key == SchedulingLabel.hostname {
            return "label \"\(key)\" is restricted"
        }
        let domain = key.split(separator: "/").count > 1 ? String(key.split(separator: "/")[0]) : ""
        if (domain == "karpenter.sh" || domain.hasSuffix(".karpenter.sh")),
           key != SchedulingLabel.nodePool, key != SchedulingLabel.capacityType {
            return "label \"\(key)\" is restricted"
        }
        let values = expression.values ?? []
        switch op {
        case .in where values.isEmpty:
            return "key \(key) with operator In must have a value defined"
        case .gt, .lt, .gte, .lte:
            if values.count != 1 || (Int64(values[0]) ?? -1) < 0 {
                return "key \(key) with operator \(op) must have a single positive integer value"
            }
        default:
            break
        }
        for value in values where !KubernetesNames.labelValueProblems(value).isEmpty {
            return "invalid value \"\(value)\" for key \(key)"
        }
        return nil
    }
}
