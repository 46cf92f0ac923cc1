import Foundation
import KarpenterAPI
import KarpenterScheduling

/// Pod-level facts the candidate checks and the drain share (DISRUPTION.md §3).
public enum PodDisruption {
    /// The `karpenter.sh/do-not-disrupt` annotation's meaning at a moment.
    public enum DoNotDisrupt: Sendable, Hashable {
        case absent
        case active
        /// A duration that has run out, or a value that is not `"true"` or a positive duration.
        case inactive
        case invalid(String)
    }

    /// `"true"` always; a positive Go duration while `now − startTime < duration` (active when
    /// the start time is unknown); anything else inactive (and flagged as invalid).
    public static func doNotDisrupt(_ pod: Pod, now: Date) -> DoNotDisrupt {
        guard let value = pod.metadata.annotations?[KarpenterAnnotation.doNotDisrupt] else { return .absent }
        if value == "true" { return .active }
        guard let duration = try? GoDuration(parsing: value), duration.nanoseconds > 0 else { return .invalid(value) }
        guard let start = Timestamp.parse(pod.status?.startTime) else { return .active }
        return now.timeIntervalSince(start) < duration.seconds ? .active : .inactive
    }

    public static func isTerminal(_ pod: Pod) -> Bool { PodEligibility.isTerminal(pod) }
    public static func isTerminating(_ pod: Pod) -> Bool { pod.metadata.deletionTimestamp != nil }
    /// Not finished and not terminating.
    public static func isActive(_ pod: Pod) -> Bool { !isTerminal(pod) && !isTerminating(pod) }

    public static func isOwnedBy(_ kind: String, _ pod: Pod) -> Bool {
        pod.metadata.ownerReferences?.contains { $0.kind == kind } ?? false
    }

    /// Pods that must find a new home: active (or terminating StatefulSet pods), not DaemonSet, not mirror.
    public static func isReschedulable(_ pod: Pod) -> Bool {
        guard !isTerminal(pod) else { return false }
        guard !isTerminating(pod) || isOwnedBy("StatefulSet", pod) else { return false }
        return !PodEligibility.isDaemonSetPod(pod) && !PodEligibility.isMirrorPod(pod)
    }

    static let disruptedTaint = Taint(key: WellKnownTaint.disruptedKey, effect: .noSchedule)

    /// Pods Karpenter would evict when draining: active, not tolerating the disrupted taint, not mirror.
    public static func wouldEvict(_ pod: Pod) -> Bool {
        isActive(pod) && !(pod.spec.tolerations ?? []).tolerate(disruptedTaint) && !PodEligibility.isMirrorPod(pod)
    }

    public static func isReady(_ pod: Pod) -> Bool {
        pod.status?.condition("Ready")?.status == "True"
    }

    /// clamp(1 + deletionCost/2^27 + priority/2^25, −10, 10).
    public static func evictionCost(_ pod: Pod) -> Double {
        var cost = 1.0
        if let text = pod.metadata.annotations?["controller.kubernetes.io/pod-deletion-cost"], let deletionCost = Double(text) {
            cost += deletionCost / 134_217_728
        }
        if let priority = pod.spec.priority { cost += Double(priority) / 33_554_432 }
        return min(max(cost, -10), 10)
    }

    public static func key(_ pod: Pod) -> String { PodLookup.key(pod) }
}
