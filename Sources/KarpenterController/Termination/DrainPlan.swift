import Foundation
import KarpenterAPI
import KarpenterScheduling

/// What one pass of a node's drain does (DISRUPTION.md §11 step 4 and terminationGracePeriod),
/// decided from the pods bound to the node, the node's termination deadline and the time.
/// Pure: the termination controller executes it and looks again a second later.
///
/// * Pods the drain waits for are the non-terminal ones that do not tolerate
///   `karpenter.sh/disrupted:NoSchedule`, are not mirror pods and have not been terminating for
///   more than a minute.
/// * Those are drained group by group: non-critical non-DaemonSet, non-critical DaemonSet,
///   critical non-DaemonSet, critical DaemonSet. A group starts only once every pod of the groups
///   before it is gone, terminating ones included.
/// * Past the deadline for a pod (`nodeTerminationTime − terminationGracePeriodSeconds`), it is
///   deleted directly, whatever its group, PodDisruptionBudget or `do-not-disrupt`.
struct DrainPlan: Sendable, Equatable {
    enum Group: Int, Sendable, Comparable, CaseIterable, CustomStringConvertible {
        case nonCritical = 0
        case nonCriticalDaemonSet = 1
        case critical = 2
        case criticalDaemonSet = 3

        static func < (lhs: Group, rhs: Group) -> Bool { lhs.rawValue < rhs.rawValue }

        var description: String {
            switch self {
            case .nonCritical: "non-critical"
            case .nonCriticalDaemonSet: "non-critical daemonset"
            case .critical: "critical"
            case .criticalDaemonSet: "critical daemonset"
            }
        }
    }

    struct PodRef: Sendable, Hashable, CustomStringConvertible {
        var namespace: String
        var name: String
        var uid: String

        init(namespace: String, name: String, uid: String) {
            self.namespace = namespace
            self.name = name
            self.uid = uid
        }

        init(_ pod: Pod) {
            self.init(namespace: pod.metadata.namespace ?? "default", name: pod.metadata.name ?? "", uid: pod.metadata.uid ?? "")
        }

        var description: String { "\(namespace)/\(name)" }
    }

    /// A pod deleted without the Eviction API, with what is left of the node's deadline.
    struct ForceDeletion: Sendable, Hashable {
        var pod: PodRef
        var gracePeriodSeconds: Int64
    }

    /// Every pod the drain waits for; the node is drained when this is empty.
    var waiting: [PodRef] = []
    /// The group drained now; nil when nothing is waiting.
    var group: Group?
    /// Pods of `group` to evict now.
    var evict: [PodRef] = []
    /// Pods of `group` that `karpenter.sh/do-not-disrupt` keeps from eviction for now.
    var held: [PodRef] = []
    /// Pods past their deadline, of any group.
    var forceDelete: [ForceDeletion] = []

    var isDrained: Bool { waiting.isEmpty }

    static let disruptedTaint = Taint(key: WellKnownTaint.disruptedKey, effect: .noSchedule)
    static let criticalPriorityClasses: Set<String> = ["system-cluster-critical", "system-node-critical"]
    /// A pod terminating for longer than this is left to the kubelet (or its absence).
    static let stuckTerminatingAfter: TimeInterval = 60

    /// - Parameters:
    ///   - pods: the pods bound to the node.
    ///   - nodeTerminationTime: NodeClaim deletionTimestamp + terminationGracePeriod; nil without one.
    static func make(pods: [Pod], nodeTerminationTime: Date?, now: Date) -> DrainPlan {
        let candidates = pods.filter { isWaitingEviction($0, now: now) }.sorted { PodRef($0).description < PodRef($1).description }
        let forceDelete: [ForceDeletion] = candidates.compactMap { pod in
            guard let deadline = nodeTerminationTime,
                  let grace = forcedDeletionGrace(pod, nodeTerminationTime: deadline, now: now) else { return nil }
            return ForceDeletion(pod: PodRef(pod), gracePeriodSeconds: grace)
        }
        let forced = Set(forceDelete.map(\.pod.uid))
        let current = candidates.map(group(of:)).min()
        let inGroup = candidates.filter { group(of: $0) == current && !$0.metadata.isDeleting && !forced.contains($0.metadata.uid ?? "") }
        var plan = DrainPlan()
        plan.waiting = candidates.map(PodRef.init)
        plan.group = current
        plan.forceDelete = forceDelete
        plan.held = inGroup.filter { doNotDisruptActive($0, now: now) }.map(PodRef.init)
        plan.evict = inGroup.filter { !doNotDisruptActive($0, now: now) }.map(PodRef.init)
        return plan
    }

    // MARK: Single-pod decisions

    /// Counts for the drain: not finished, not tolerating the disrupted taint, not a mirror pod,
    /// not stuck terminating.
    static func isWaitingEviction(_ pod: Pod, now: Date) -> Bool {
        if PodEligibility.isTerminal(pod) || PodEligibility.isMirrorPod(pod) { return false }
        if (pod.spec.tolerations ?? []).tolerate(disruptedTaint) { return false }
        return !isStuckTerminating(pod, now: now)
    }

    static func isStuckTerminating(_ pod: Pod, now: Date) -> Bool {
        guard let deletion = Timestamps.date(pod.metadata.deletionTimestamp) else { return false }
        return now.timeIntervalSince(deletion) > stuckTerminatingAfter
    }

    static func isCritical(_ pod: Pod) -> Bool {
        criticalPriorityClasses.contains(pod.spec.priorityClassName ?? "")
    }

    static func group(of pod: Pod) -> Group {
        switch (isCritical(pod), PodEligibility.isDaemonSetPod(pod)) {
        case (false, false): .nonCritical
        case (false, true): .nonCriticalDaemonSet
        case (true, false): .critical
        case (true, true): .criticalDaemonSet
        }
    }

    /// The grace period to delete `pod` with now, or nil while it may still be evicted.
    ///
    /// A running pod is due once `now > nodeTerminationTime − terminationGracePeriodSeconds`
    /// (never earlier without that field), and every pod is due at the deadline itself. A
    /// terminating pod is due when its own deletion would end after the deadline and deleting
    /// it again would shorten it. The grace is what is left of the deadline, at least 1 s.
    static func forcedDeletionGrace(_ pod: Pod, nodeTerminationTime: Date, now: Date) -> Int64? {
        let remaining = nodeTerminationTime.timeIntervalSince(now)
        let grace = remaining >= 1 ? Int64(remaining.rounded(.down)) : 1
        if pod.metadata.isDeleting {
            guard let ends = Timestamps.date(pod.metadata.deletionTimestamp), ends > nodeTerminationTime else { return nil }
            return ends.timeIntervalSince(now) > Double(grace) + 1 ? grace : nil
        }
        if remaining <= 0 { return grace }
        guard let podGrace = pod.spec.terminationGracePeriodSeconds else { return nil }
        return remaining < Double(podGrace) ? grace : nil
    }

    /// `karpenter.sh/do-not-disrupt`: `true` holds the pod for good; a Go duration holds it that
    /// long after it started (its creation when it has not started). Any other value holds nothing.
    static func doNotDisruptActive(_ pod: Pod, now: Date) -> Bool {
        doNotDisruptLapse(pod).map { now < $0 } ?? false
    }

    /// When the annotation stops holding the pod: `.distantFuture` for `true`, nil when it never held.
    static func doNotDisruptLapse(_ pod: Pod) -> Date? {
        guard let value = pod.metadata.annotations?[KarpenterAnnotation.doNotDisrupt] else { return nil }
        if value == "true" { return .distantFuture }
        guard let duration = try? GoDuration(parsing: value), duration > .zero else { return nil }
        guard let start = Timestamps.date(pod.status?.startTime) ?? Timestamps.date(pod.metadata.creationTimestamp) else {
            return .distantFuture
        }
        return start.addingTimeInterval(duration.seconds)
    }
}
