import KarpenterAPI

extension SnapshotAssembly {
    /// Splits pods into pending (SCHEDULING.md §1), pods on known nodes, and pods bound
    /// elsewhere. From manifests every unbound pod counts as marked unschedulable by
    /// kube-scheduler; in a live cluster only the pods it really marked are pending, and
    /// terminating pods are left out.
    mutating func placePods() -> (pending: [Pod], existing: [ExistingNodeInput], others: [Pod]) {
        var pending: [Pod] = []
        var seen: Set<String> = []
        var boundPods: [String: [Pod]] = [:]
        var others: [Pod] = []
        var unknownNodes: [String: Int] = [:]
        var skipped: [String: [String]] = [:]
        let nodeNames = Set(nodes.compactMap { $0.0.metadata.name })

        for (index, (original, origin)) in pods.enumerated() {
            var pod = original
            let key = "\(pod.metadata.namespace ?? "default")/\(pod.metadata.name ?? "")"
            guard seen.insert(key).inserted else {
                add(SnapshotDiagnostic(.error, file: origin.file, location: origin.location, object: origin.owner,
                                       "pod \(key) appears twice; the second is left out",
                                       hint: "pod names must be unique per namespace"))
                continue
            }
            if pod.metadata.creationTimestamp == nil { pod.metadata.creationTimestamp = Self.timestamp(index) }
            if pod.metadata.uid == nil { pod.metadata.uid = "\(key.replacingSlash)-uid" }
            let terminal = PodEligibility.isTerminal(pod)
            let terminating = input == .cluster && pod.metadata.deletionTimestamp != nil
            if let nodeName = pod.spec.nodeName, !nodeName.isEmpty {
                if terminal || terminating { continue }
                if nodeNames.contains(nodeName) {
                    boundPods[nodeName, default: []].append(pod)
                } else {
                    unknownNodes[nodeName, default: 0] += 1
                    others.append(pod)
                }
                continue
            }
            if let reason = notProvisionableReason(pod, terminal: terminal, terminating: terminating) {
                notProvisionable.append(NotProvisionablePod(pod: pod, reason: reason))
                skipped[reason.description, default: []].append(key)
                continue
            }
            if input == .manifests {
                origins[key] = origin
                Self.markUnschedulable(&pod)
            }
            pending.append(pod)
        }
        for (reason, keys) in skipped.sorted(by: { $0.key < $1.key }) {
            add(SnapshotDiagnostic(.note, "not pending (\(reason)): \(Self.list(keys))"))
        }
        if !unknownNodes.isEmpty {
            let names = unknownNodes.keys.sorted()
            let hint = input == .manifests ? "add those Node objects to simulate their free capacity"
                : "nodes may have come or gone while the cluster was read; run the command again"
            add(SnapshotDiagnostic(.warning, "\(unknownNodes.values.reduce(0, +)) pod(s) are bound to nodes that are not in \(input.name) (\(Self.list(names))); they count only for topology",
                                   hint: hint))
        }
        return (pending, existingNodes(boundPods), others)
    }

    private mutating func existingNodes(_ boundPods: [String: [Pod]]) -> [ExistingNodeInput] {
        var result: [ExistingNodeInput] = []
        var claimed: Set<Int> = []
        for (node, object) in nodes {
            let name = node.metadata.name ?? ""
            if node.status?.allocatable == nil && node.status?.capacity == nil {
                report(.warning, object, at: FieldPath(dotted: "status"), "the node has no status.allocatable; nothing can be placed on it",
                       hint: "include status.allocatable (kubectl get node -o yaml shows it)")
            }
            let match = nodeClaims.indices.first { index in
                guard !claimed.contains(index) else { return false }
                let status = nodeClaims[index].0.status
                if let nodeName = status?.nodeName, nodeName == name { return true }
                if let providerID = status?.providerID, let nodeProvider = node.spec.providerID { return providerID == nodeProvider }
                return false
            }
            if let match { claimed.insert(match) }
            result.append(ExistingNodeInput(node: node, nodeClaim: match.map { nodeClaims[$0].0 }, pods: boundPods[name] ?? []))
        }
        for (index, (nodeClaim, _)) in nodeClaims.enumerated() where !claimed.contains(index) {
            result.append(ExistingNodeInput(node: nil, nodeClaim: nodeClaim, pods: []))
        }
        return result
    }

    /// Why an unbound pod is not handed to the provisioner, nil when it is.
    func notProvisionableReason(_ pod: Pod, terminal: Bool, terminating: Bool) -> NotProvisionablePod.Reason? {
        if terminal { return .finished }
        if terminating { return .terminating }
        for owner in pod.metadata.ownerReferences ?? [] {
            if owner.kind == "DaemonSet" { return .daemonSet }
            if owner.kind == "Node" { return .staticPod }
        }
        if let nominated = pod.status?.nominatedNodeName, !nominated.isEmpty { return .nominated(nominated) }
        let scheduled = pod.status?.condition("PodScheduled")
        if let scheduled, scheduled.status == "False", let reason = scheduled.reason, reason != "Unschedulable" {
            return .schedulingReason(reason)
        }
        if input == .cluster && !(scheduled?.status == "False" && scheduled?.reason == "Unschedulable") {
            return .awaitingKubeScheduler
        }
        return nil
    }

    /// Offline, every unbound pod counts as one kube-scheduler already failed to place.
    static func markUnschedulable(_ pod: inout Pod) {
        var status = pod.status ?? PodStatus(phase: .pending)
        if status.phase == nil { status.phase = .pending }
        var conditions = status.conditions ?? []
        if !conditions.contains(where: { $0.type == "PodScheduled" }) {
            conditions.append(PodCondition(type: "PodScheduled", status: "False", reason: "Unschedulable",
                                           message: "simulated: treated as unschedulable by kube-scheduler"))
        }
        status.conditions = conditions
        pod.status = status
    }

    /// Creation times one second apart in input order, so the queue's tie-break keeps the input order.
    static func timestamp(_ index: Int) -> String {
        let day = 1 + index / 86_400
        let second = index % 86_400
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let month = min(12, 1 + (day - 1) / 28)
        let dayOfMonth = (day - 1) % 28 + 1
        return "2025-\(two(month))-\(two(dayOfMonth))T\(two(second / 3600)):\(two(second % 3600 / 60)):\(two(second % 60))Z"
    }

    static func list(_ items: [String], limit: Int = 5) -> String {
        items.count <= limit ? items.joined(separator: ", ")
            : items.prefix(limit).joined(separator: ", ") + " and \(items.count - limit) more"
    }
}

private extension String {
    var replacingSlash: String { split(separator: "/").joined(separator: "-") }
}
