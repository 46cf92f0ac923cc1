import KarpenterAPI

/// Failure wording for taints, resources and requirements, with what to change.
enum TaintText {
    static func describe(_ taint: Taint) -> String {
        "\(taint.key)\(taint.value.map { "=\($0)" } ?? ""):\(taint.effect.rawValue)"
    }

    static func failure(_ taint: Taint) -> SchedulingFailure {
        SchedulingFailure(.taintNotTolerated, "did not tolerate taint \(describe(taint))",
                          hint: "add a toleration for \(describe(taint)) to the pod, or remove the taint")
    }
}

enum ResourceText {
    static func amount(_ value: Int64, of resource: String) -> String {
        if resource == ResourceVector.cpu { return value % 1000 == 0 ? String(value / 1000) : "\(value)m" }
        if resource == ResourceVector.memory || resource == ResourceVector.ephemeralStorage {
            if value != 0 && value % (1 << 30) == 0 { return "\(value >> 30)Gi" }
            if value != 0 && value % (1 << 20) == 0 { return "\(value >> 20)Mi" }
        }
        return String(value)
    }

    static func insufficient(_ requests: ResourceVector, free: ResourceVector) -> SchedulingFailure {
        for (name, wanted) in requests.entries where wanted > 0 && wanted > free[name] {
            return SchedulingFailure(.insufficientResources,
                                     "Insufficient \(name): requests \(amount(wanted, of: name)), \(amount(max(0, free[name]), of: name)) free",
                                     hint: "this node has too little \(name) left; lower the request or let Karpenter launch a new node")
        }
        return SchedulingFailure(.insufficientResources, "Insufficient resources", hint: nil)
    }
}

enum RequirementText {
    static func failure(_ incompatibility: RequirementIncompatibility, onNode: Bool) -> SchedulingFailure {
        switch incompatibility {
        case .undefinedLabel(let key, _):
            let hint = onNode
                ? "the node has no label \(key.name)"
                : "pod requires label `\(key.name)`; add it to the NodePool's requirements or template labels"
            return SchedulingFailure(.undefinedLabel, "incompatible requirements, \(incompatibility)", hint: hint)
        case .noCommonValue(let existing, let incoming):
            let hint = onNode
                ? "the node's \(existing.key.name) is \(existing.valueStrings.joined(separator: ",")); the pod allows \(incoming)"
                : "the NodePool allows \(existing); the pod needs \(incoming); widen the NodePool requirement or change the pod"
            return SchedulingFailure(.incompatibleRequirements, "incompatible requirements, \(incompatibility)", hint: hint)
        }
    }
}
