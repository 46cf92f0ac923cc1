import KarpenterAPI
import KarpenterScheduling
import KubeClient

/// What the simulated kubelets remember between looks at the cluster: when they first saw
/// each node and pod, and which writes they made that the cache may not show yet.
struct KubeletState {
    var nodeFirstSeen: [String: ContinuousClock.Instant] = [:]
    /// Simulated nodes seen alive; a name that disappears from the cluster means a deleted Node.
    var knownNodes: Set<String> = []
    var readying: Set<String> = []
    var lastLeaseRenewal: [String: ContinuousClock.Instant] = [:]
    var leases: [String: JSONValue] = [:]
    var podFirstSeen: [String: ContinuousClock.Instant] = [:]
    var terminationFirstSeen: [String: ContinuousClock.Instant] = [:]
    /// Pod uids with a write made (started, deleted).
    var started: Set<String> = []
    var deleting: Set<String> = []
    var nextPodAddress: [String: Int] = [:]

    /// The next pod IP of `node` in its pod CIDR (addresses .2 to .254, reused round-robin).
    mutating func podIP(node: ClusterWatch.NodeEntry) -> String {
        let cidr = node.node.spec.podCIDR ?? NodeAddressing.podCIDR(nodeName: node.name)
        let prefix = cidr.split(separator: "/").first.map { $0.split(separator: ".").prefix(3).joined(separator: ".") } ?? "10.128.0"
        let host = nextPodAddress[node.name, default: 2]
        nextPodAddress[node.name] = host >= 254 ? 2 : host + 1
        return "\(prefix).\(host)"
    }
}

extension SimulatedKubelet {
    /// Decides what to write, from the cluster as the caches show it.
    func plan(nodes: [String: ClusterWatch.NodeEntry], pods: [ObjectKey: ClusterWatch.PodEntry],
              now: ContinuousClock.Instant) -> [KubeletAction] {
        var actions: [KubeletAction] = []
        var live: [String: ClusterWatch.NodeEntry] = [:]
        for (name, entry) in nodes where SimulatedCloud.isSimulated(providerID: entry.node.spec.providerID)
            && !SimulatedInstanceView.isTerminated(entry.raw) {
            live[name] = entry
            state.knownNodes.insert(name)
            actions += planNode(entry, now: now)
        }
        let deletedNodes = state.knownNodes.subtracting(nodes.keys)
        var nodesWithPods = Set<String>()
        for entry in pods.values {
            guard let nodeName = entry.pod.spec.nodeName, !nodeName.isEmpty else { continue }
            nodesWithPods.insert(nodeName)
            if deletedNodes.contains(nodeName) {
                if state.deleting.insert(entry.uid).inserted { actions.append(.forceDelete(entry.key, uid: entry.uid)) }
            } else if let node = live[nodeName] {
                if let action = planPod(entry, node: node, now: now) { actions.append(action) }
            }
        }
        forget(livePods: Set(pods.values.map(\.uid)), deletedNodes: deletedNodes.subtracting(nodesWithPods))
        return actions
    }

    private func planNode(_ entry: ClusterWatch.NodeEntry, now: ContinuousClock.Instant) -> [KubeletAction] {
        var actions: [KubeletAction] = []
        let name = entry.name
        let firstSeen = state.nodeFirstSeen[name] ?? now
        state.nodeFirstSeen[name] = firstSeen
        let ready = entry.node.status?.condition("Ready")?.status == "True"
        let tainted = entry.node.spec.taints?.contains { $0.matchesKeyAndEffect(SimulatedCloud.notReadyTaint) } ?? false
        if ready && !tainted {
            state.readying.remove(name)
        } else if now >= firstSeen + options.readyDelay, state.readying.insert(name).inserted {
            actions.append(.markReady(node: name, statusIsReady: ready))
        }
        if state.lastLeaseRenewal[name].map({ now - $0 >= options.heartbeatInterval }) ?? true {
            state.lastLeaseRenewal[name] = now
            actions.append(.renewLease(node: name, nodeUID: entry.node.metadata.uid ?? "", cached: state.leases[name]))
        }
        return actions
    }

    private func planPod(_ entry: ClusterWatch.PodEntry, node: ClusterWatch.NodeEntry, now: ContinuousClock.Instant) -> KubeletAction? {
        let uid = entry.uid
        if entry.pod.metadata.isDeleting {
            let firstSeen = state.terminationFirstSeen[uid] ?? now
            state.terminationFirstSeen[uid] = firstSeen
            let grace = Double(entry.pod.metadata.deletionGracePeriodSeconds ?? 0) * options.gracePeriodScale
            guard now >= firstSeen + .seconds(grace), state.deleting.insert(uid).inserted else { return nil }
            return .forceDelete(entry.key, uid: uid)
        }
        guard !PodEligibility.isTerminal(entry.pod), !Self.isRunningAndReady(entry.pod), !state.started.contains(uid) else { return nil }
        let firstSeen = state.podFirstSeen[uid] ?? now
        state.podFirstSeen[uid] = firstSeen
        guard now >= firstSeen + options.podStartDelay else { return nil }
        state.started.insert(uid)
        return .startPod(entry.raw, podIP: state.podIP(node: node),
                         hostIP: NodeAddressing.internalIP(nodeName: node.name))
    }

    private func forget(livePods: Set<String>, deletedNodes: Set<String>) {
        state.started.formIntersection(livePods)
        state.deleting.formIntersection(livePods)
        state.podFirstSeen = state.podFirstSeen.filter { livePods.contains($0.key) }
        state.terminationFirstSeen = state.terminationFirstSeen.filter { livePods.contains($0.key) }
        for name in deletedNodes {
            state.knownNodes.remove(name)
            state.nodeFirstSeen[name] = nil
            state.readying.remove(name)
            state.lastLeaseRenewal[name] = nil
            state.leases[name] = nil
            state.nextPodAddress[name] = nil
        }
    }

    func record(_ outcomes: [KubeletOutcome]) {
        for outcome in outcomes {
            switch outcome {
            case .markedReady(let node, let succeeded):
                if !succeeded { state.readying.remove(node) }
            case .leaseRenewed(let node, let lease):
                if let lease { state.leases[node] = lease } else {
                    state.leases[node] = nil
                    state.lastLeaseRenewal[node] = nil
                }
            case .podStarted(let uid, let succeeded):
                if !succeeded { state.started.remove(uid) }
            case .podDeleted(let uid, let succeeded):
                if !succeeded { state.deleting.remove(uid) }
            }
        }
    }

    static func isRunningAndReady(_ pod: Pod) -> Bool {
        pod.status?.phase == .running && pod.status?.condition("Ready")?.status == "True"
    }
}
