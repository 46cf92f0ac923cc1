import KarpenterAPI

/// Checks each scheduling constraint of a bound pod against its node: node selector, node
/// affinity, the node's taints, topology spread and inter-pod (anti-)affinity.
enum PlacementConstraints {
    static func check(_ pod: Pod, on node: ExistingNodeInput, in snapshot: SchedulingSnapshot) -> [PlacementConstraint] {
        let labels = labels(of: node)
        let placed = PlacedPods(snapshot)
        return nodeSelector(pod, labels) + nodeAffinity(pod, labels) + taints(pod, node)
            + topologySpread(pod, labels, placed) + podAffinity(pod, labels, placed)
    }

    /// The node's labels, with the hostname label a node always has.
    static func labels(of node: ExistingNodeInput) -> [String: String] {
        var labels = node.node?.metadata.labels ?? node.nodeClaim?.metadata.labels ?? [:]
        labels[SchedulingLabel.hostname] = labels[SchedulingLabel.hostname] ?? node.name
        return labels
    }

    static func nodeSelector(_ pod: Pod, _ labels: [String: String]) -> [PlacementConstraint] {
        (pod.spec.nodeSelector ?? [:]).sorted { $0.key < $1.key }.map { key, value in
            PlacementConstraint(kind: .nodeSelector, required: true, constraint: "\(key)=\(value)",
                                satisfied: labels[key] == value, evidence: NodeSelectorMatching.evidence(key, labels: labels))
        }
    }

    static func nodeAffinity(_ pod: Pod, _ labels: [String: String]) -> [PlacementConstraint] {
        guard let affinity = pod.spec.affinity?.nodeAffinity else { return [] }
        var result: [PlacementConstraint] = []
        let terms = affinity.required?.nodeSelectorTerms ?? []
        for (index, term) in terms.enumerated() {
            let prefix = terms.count > 1 ? "required term \(index + 1) of \(terms.count) (one must match): " : "required: "
            result.append(affinityTerm(term, prefix: prefix, required: true, labels))
        }
        for preferred in affinity.preferred {
            result.append(affinityTerm(preferred.preference, prefix: "preferred (weight \(preferred.weight)): ", required: false, labels))
        }
        return result
    }

    private static func affinityTerm(_ term: NodeSelectorTerm, prefix: String, required: Bool,
                                     _ labels: [String: String]) -> PlacementConstraint {
        let expressions = term.matchExpressions ?? []
        let keys = expressions.map(\.key).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        return PlacementConstraint(kind: .nodeAffinity, required: required,
                                   constraint: prefix + expressions.map(NodeSelectorMatching.describe).joined(separator: ", "),
                                   satisfied: NodeSelectorMatching.matches(term, labels: labels),
                                   evidence: keys.map { NodeSelectorMatching.evidence($0, labels: labels) }.joined(separator: ", "))
    }

    static func taints(_ pod: Pod, _ node: ExistingNodeInput) -> [PlacementConstraint] {
        let tolerations = pod.spec.tolerations ?? []
        return (node.node?.spec.taints ?? node.nodeClaim?.spec.taints ?? []).map { taint in
            let text = "taint \(taint.key)\(taint.value.map { "=\($0)" } ?? ""):\(taint.effect.rawValue)"
            let soft = taint.effect == .preferNoSchedule
            guard let toleration = tolerations.first(where: { $0.tolerates(taint) }) else {
                let evidence = soft ? "not tolerated; only a preference" : taint.effect == .noExecute
                    ? "not tolerated: the pod will be evicted" : "not tolerated (the taint came after the pod was bound)"
                return PlacementConstraint(kind: .toleration, required: !soft, constraint: text, satisfied: soft, evidence: evidence)
            }
            return PlacementConstraint(kind: .toleration, required: !soft, constraint: text, satisfied: true,
                                       evidence: "tolerated by " + describe(toleration))
        }
    }

    private static func describe(_ toleration: Toleration) -> String {
        let key = toleration.key ?? ""
        let effect = toleration.effect.map { ":\($0.rawValue)" } ?? ""
        if toleration.operator == .exists {
            return key.isEmpty ? "a toleration of every taint (operator Exists, no key)" : "\(key) Exists\(effect)"
        }
        return "\(key)=\(toleration.value ?? "")\(effect)"
    }

    static func topologySpread(_ pod: Pod, _ labels: [String: String], _ placed: PlacedPods) -> [PlacementConstraint] {
        (pod.spec.topologySpreadConstraints ?? []).map { constraint in
            var selector = constraint.labelSelector ?? LabelSelector()
            var matchLabels = selector.matchLabels ?? [:]
            for key in constraint.matchLabelKeys ?? [] { if let value = pod.metadata.labels?[key] { matchLabels[key] = value } }
            selector.matchLabels = matchLabels
            let key = constraint.topologyKey
            let namespace = pod.metadata.namespace ?? "default"
            let eligible = placed.nodes.filter { node in
                node.labels[key] != nil && (constraint.effectiveNodeAffinityPolicy == .ignore || nodeAccepts(pod, node.labels))
            }
            // Every domain of an eligible node counts, with zero pods too: it bounds the skew.
            var counts: [String: Int] = [:]
            for node in eligible { if let domain = node.labels[key] { counts[domain] = counts[domain] ?? 0 } }
            for placedPod in placed.pods where placedPod.namespace == namespace && constraint.labelSelector != nil
                && selector.matches(labels: placedPod.labels) {
                guard let domain = placedPod.nodeLabels[key], counts[domain] != nil else { continue }
                counts[domain, default: 0] += 1
            }
            let text = "\(key) maxSkew \(constraint.maxSkew) (\(constraint.whenUnsatisfiable.rawValue))"
            let required = constraint.whenUnsatisfiable == .doNotSchedule
            guard let domain = labels[key] else {
                return PlacementConstraint(kind: .topologySpread, required: required, constraint: text, satisfied: false,
                                           evidence: "node has no \(key) label")
            }
            let skew = (counts.values.max() ?? 0) - (counts.values.min() ?? 0)
            let list = counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            return PlacementConstraint(kind: .topologySpread, required: required, constraint: text, satisfied: skew <= constraint.maxSkew,
                                       evidence: "node is in \(domain) with \(counts[domain] ?? 0) matching pod(s); \(list): skew \(skew)")
        }
    }

    /// nodeAffinityPolicy Honor: only nodes the pod's node selector and required affinity accept count.
    private static func nodeAccepts(_ pod: Pod, _ labels: [String: String]) -> Bool {
        for (key, value) in pod.spec.nodeSelector ?? [:] where labels[key] != value { return false }
        let terms = pod.spec.affinity?.nodeAffinity?.required?.nodeSelectorTerms ?? []
        return terms.isEmpty || terms.contains { NodeSelectorMatching.matches($0, labels: labels) }
    }

    static func podAffinity(_ pod: Pod, _ labels: [String: String], _ placed: PlacedPods) -> [PlacementConstraint] {
        let affinity = pod.spec.affinity
        var result: [PlacementConstraint] = []
        for term in affinity?.podAffinity?.required ?? [] {
            result.append(podTerm(term, anti: false, required: true, pod, labels, placed))
        }
        for weighted in affinity?.podAffinity?.preferred ?? [] {
            result.append(podTerm(weighted.podAffinityTerm, anti: false, required: false, pod, labels, placed))
        }
        for term in affinity?.podAntiAffinity?.required ?? [] {
            result.append(podTerm(term, anti: true, required: true, pod, labels, placed))
        }
        for weighted in affinity?.podAntiAffinity?.preferred ?? [] {
            result.append(podTerm(weighted.podAffinityTerm, anti: true, required: false, pod, labels, placed))
        }
        return result
    }

    private static func podTerm(_ term: PodAffinityTerm, anti: Bool, required: Bool, _ pod: Pod,
                                _ labels: [String: String], _ placed: PlacedPods) -> PlacementConstraint {
        let key = term.topologyKey
        let selector = term.labelSelector ?? LabelSelector()
        let ownNamespace = pod.metadata.namespace ?? "default"
        // A namespaceSelector needs Namespace labels, which a snapshot lacks: it counts every namespace.
        let namespaces = term.namespaceSelector != nil ? nil : Set(term.namespaces ?? [ownNamespace])
        let ownKey = PodLookup.key(pod)
        let matching = placed.pods.filter {
            $0.key != ownKey && (namespaces?.contains($0.namespace) ?? true)
                && term.labelSelector != nil && selector.matches(labels: $0.labels)
        }
        let domain = labels[key]
        let inDomain = domain.map { value in matching.filter { $0.nodeLabels[key] == value }.count } ?? 0
        let text = "\(required ? "required" : "preferred"): pods matching \(describe(selector)) \(anti ? "not " : "")in the same \(key)"
        let kind: PlacementConstraint.Kind = anti ? .podAntiAffinity : .podAffinity
        guard let domain else {
            return PlacementConstraint(kind: kind, required: required, constraint: text, satisfied: anti, evidence: "node has no \(key) label")
        }
        let evidence = "\(inDomain) matching pod(s) in \(key)=\(domain)"
        if anti { return PlacementConstraint(kind: kind, required: required, constraint: text, satisfied: inDomain == 0, evidence: evidence) }
        // The first pod of a group may match its own term when no other matching pod exists.
        let selfMatch = matching.isEmpty && term.labelSelector != nil && selector.matches(labels: pod.metadata.labels ?? [:])
        return PlacementConstraint(kind: kind, required: required, constraint: text, satisfied: inDomain > 0 || selfMatch,
                                   evidence: selfMatch ? "no other matching pod in the cluster; the pod matches its own term" : evidence)
    }

    private static func describe(_ selector: LabelSelector) -> String {
        var parts = (selector.matchLabels ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        for requirement in selector.matchExpressions ?? [] {
            let values = requirement.values.map { " [\($0.joined(separator: ", "))]" } ?? ""
            parts.append("\(requirement.key) \(requirement.operator.rawValue)\(values)")
        }
        return parts.isEmpty ? "{}" : "{" + parts.joined(separator: ", ") + "}"
    }
}

/// Every bound pod of a snapshot with the labels of the node it runs on.
struct PlacedPods {
    struct PlacedPod {
        var key: String
        var namespace: String
        var labels: [String: String]
        var nodeLabels: [String: String]
    }

    struct PlacedNode {
        var name: String
        var labels: [String: String]
    }

    var nodes: [PlacedNode] = []
    var pods: [PlacedPod] = []

    init(_ snapshot: SchedulingSnapshot) {
        var labelsByNode: [String: [String: String]] = [:]
        for input in snapshot.existingNodes {
            let labels = PlacementConstraints.labels(of: input)
            labelsByNode[input.name] = labels
            nodes.append(PlacedNode(name: input.name, labels: labels))
            for pod in input.pods { add(pod, nodeLabels: labels) }
        }
        for pod in snapshot.otherPods {
            guard let name = pod.spec.nodeName, let labels = labelsByNode[name] else { continue }
            add(pod, nodeLabels: labels)
        }
    }

    private mutating func add(_ pod: Pod, nodeLabels: [String: String]) {
        guard !PodEligibility.isTerminal(pod) else { return }
        pods.append(PlacedPod(key: PodLookup.key(pod), namespace: pod.metadata.namespace ?? "default",
                              labels: pod.metadata.labels ?? [:], nodeLabels: nodeLabels))
    }
}
