import KarpenterAPI

/// An unbound pod the provisioner leaves alone (SCHEDULING.md §1), and why.
public struct NotProvisionablePod: Sendable {
    public enum Reason: Sendable, Hashable, CustomStringConvertible {
        /// Live clusters: kube-scheduler has not (yet) set PodScheduled=False reason
        /// Unschedulable, the mark Karpenter waits for.
        case awaitingKubeScheduler
        /// PodScheduled=False with another reason (`SchedulingGated`...).
        case schedulingReason(String)
        /// Preemption nominated it to this node.
        case nominated(String)
        case daemonSet
        case staticPod
        /// Succeeded or Failed.
        case finished
        /// Live clusters: it has a deletionTimestamp.
        case terminating

        public var description: String {
            switch self {
            case .awaitingKubeScheduler: return "not marked Unschedulable by kube-scheduler yet"
            case .schedulingReason(let reason): return "PodScheduled reason \(reason), not Unschedulable"
            case .nominated: return "nominated to a node by preemption"
            case .daemonSet: return "DaemonSet pods are placed by their DaemonSet"
            case .staticPod: return "static pods"
            case .finished: return "finished"
            case .terminating: return "terminating"
            }
        }
    }

    public var pod: Pod
    public var reason: Reason

    public init(pod: Pod, reason: Reason) {
        self.pod = pod
        self.reason = reason
    }

    public var key: String { PodLookup.key(pod) }
}
