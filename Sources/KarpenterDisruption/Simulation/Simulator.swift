import Foundation
import KarpenterAPI
import KarpenterScheduling

/// Where a pod goes in a simulation.
public enum PodDestination: Sendable, Hashable, CustomStringConvertible {
    /// An existing node (or in-flight NodeClaim) by name.
    case node(String)
    /// A new NodeClaim of the plan, by its planned name.
    case newNodeClaim(String)

    public var description: String {
        switch self {
        case .node(let name): return "node/\(name)"
        case .newNodeClaim(let name): return "new nodeclaim/\(name)"
        }
    }
}

/// The outcome of placing the candidates' pods elsewhere (DISRUPTION.md §6.1).
struct SimulationResult: Sendable {
    var scheduling: SchedulingResult
    /// Errors of pods that are not themselves pending, `ns/pod => reason`, in order.
    var errors: [(pod: String, reason: String)]
    /// Where each pod of the candidates would go.
    var destinations: [String: PodDestination]

    var newNodeClaims: [PlannedNodeClaim] { scheduling.nodeClaims }
    var allNonPendingPodsScheduled: Bool { errors.isEmpty }

    /// `not all pods would schedule, ns/a => reason; ns/b => reason` (first five).
    var errorText: String {
        let listed = errors.prefix(5).map { "\($0.pod) => \($0.reason)" }.joined(separator: "; ")
        let more = errors.count > 5 ? " and \(errors.count - 5) other(s)" : ""
        return "not all pods would schedule, \(listed)\(more)"
    }
}

/// Runs the provisioner's scheduler with the candidates removed: existing nodes are every
/// active node but the candidates; pods are the pending pods, the candidates' pods and the
/// pods of nodes already being deleted.
struct Simulator: Sendable {
    let state: ClusterState
    private let deletingPods: [Pod]
    private let deletingPodKeys: Set<String>
    private let queuedNodes: Set<String>
    /// Managed nodes still inside their consolidateAfter window: they take only pending pods.
    private let windowNodes: Set<String>
    private let pendingTolerating: [Pod]
    private let uninitialized: [String: StateNode]

    static let windowTaint = Taint(key: "karpenter.sh/consolidation-window", value: "simulated", effect: .noSchedule)

    init(state: ClusterState, assessments: [NodeAssessment]) {
        self.state = state
        var deleting: [Pod] = []
        var queued: Set<String> = []
        var window: Set<String> = []
        var uninitialized: [String: StateNode] = [:]
        for assessment in assessments {
            let node = assessment.node
            if node.markedForDeletion {
                // Their pods still need room; blocked pods stay where they are until drained.
                deleting += assessment.podsToReschedule(eventual: true)
                if node.inQueue { queued.insert(node.name) }
                continue
            }
            if !node.isInitialized { uninitialized[node.name] = node }
            if let claim = node.nodeClaim, let pool = state.pools[node.nodePoolName ?? ""], !pool.consolidationDisabled,
               NodeClaimConditions.consolidatable(claim, nodePool: pool.nodePool, now: state.now).state == .waiting {
                window.insert(node.name)
            }
        }
        deletingPods = deleting
        deletingPodKeys = Set(deleting.map(PodLookup.key))
        queuedNodes = queued
        windowNodes = window
        self.uninitialized = uninitialized
        let toleration = Toleration(key: Self.windowTaint.key, operator: .equal, value: Self.windowTaint.value, effect: .noSchedule)
        pendingTolerating = window.isEmpty ? state.build.snapshot.pendingPods : state.build.snapshot.pendingPods.map { pod in
            var pod = pod
            pod.spec.tolerations = (pod.spec.tolerations ?? []) + [toleration]
            return pod
        }
    }

    /// - Parameters:
    ///   - removing: the candidates' assessments.
    ///   - eventual: pods that block eviction stay out (drift with terminationGracePeriod).
    ///   - consolidation: destination nodes in their consolidateAfter window refuse moved pods.
    func simulate(removing: [NodeAssessment], eventual: Bool, consolidation: Bool) -> SimulationResult {
        var snapshot = state.build.snapshot
        let removed = Set(removing.map(\.node.name))
        let excluded = removed.union(queuedNodes)
        snapshot.existingNodes = snapshot.existingNodes.compactMap { existing in
            guard !excluded.contains(existing.name) else { return nil }
            guard consolidation, windowNodes.contains(existing.name), var node = existing.node else { return existing }
            node.spec.taints = (node.spec.taints ?? []) + [Self.windowTaint]
            var copy = existing
            copy.node = node
            return copy
        }
        var moved: [Pod] = []
        for assessment in removing { moved += assessment.podsToReschedule(eventual: eventual) }
        snapshot.pendingPods = (consolidation ? pendingTolerating : state.build.snapshot.pendingPods) + moved + deletingPods
        let result = Scheduler.solve(snapshot)

        var errors: [(String, String)] = []
        var destinations: [String: PodDestination] = [:]
        let movedKeys = Set(moved.map(PodLookup.key))
        for (pod, nodeName) in result.existingPlacements {
            if let node = uninitialized[nodeName], !deletingPodKeys.contains(pod), !state.pendingKeys.contains(pod) {
                errors.append((pod, "would schedule against uninitialized nodeclaim/\(node.nodeClaimName ?? ""), node/\(node.node?.metadata.name ?? "")"))
            }
            if movedKeys.contains(pod) { destinations[pod] = .node(nodeName) }
        }
        for claim in result.nodeClaims {
            for pod in claim.pods where movedKeys.contains(pod) { destinations[pod] = .newNodeClaim(claim.name) }
        }
        for failure in result.unschedulable + result.ignored where !state.pendingKeys.contains(failure.pod) {
            errors.append((failure.pod, failure.reason))
        }
        errors.sort { $0.0 < $1.0 }
        return SimulationResult(scheduling: result, errors: errors, destinations: destinations)
    }
}
