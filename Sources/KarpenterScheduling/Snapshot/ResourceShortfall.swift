import KarpenterAPI

/// The numbers behind "no instance type has enough resources": for each resource the pod
/// requests, the most that any instance type the NodePool allows can give.
enum ResourceShortfall {
    static func describe(_ pod: Pod, nodePool: NodePool, types: [InstanceType]) -> String? {
        let (requirements, _) = NodePoolTemplate.requirements(of: nodePool)
        let allowed = types.filter { $0.requirements.intersects(requirements) }
        let requests = PodRequests.of(pod)
        guard !allowed.isEmpty else {
            return "none of the NodePool's \(types.count) instance types meets its requirements"
        }
        var parts: [String] = []
        for (name, amount) in requests.nonZeroEntries {
            let best = allowed.max { $0.allocatable[name] < $1.allocatable[name] }
            let most = best?.allocatable[name] ?? 0
            if amount > most {
                parts.append("\(name): the pod needs \(format(name, amount)), the largest of the \(allowed.count) allowed instance types has \(format(name, most))"
                             + (most > 0 ? " (\(best?.name ?? ""))" : ""))
            }
        }
        if parts.isEmpty {
            return "each resource fits some allowed instance type, but no single type fits all of them together with the DaemonSet overhead"
        }
        return parts.joined(separator: "; ")
    }

    private static func format(_ name: String, _ amount: Int64) -> String {
        switch name {
        case ResourceVector.cpu: return amount % 1000 == 0 ? "\(amount / 1000)" : "\(amount)m"
        case ResourceVector.memory, ResourceVector.ephemeralStorage:
            let gib = Double(amount) / 1_073_741_824
            return gib >= 1 ? "\((gib * 10).rounded() / 10)Gi" : "\(amount / 1_048_576)Mi"
        default: return "\(amount)"
        }
    }
}
