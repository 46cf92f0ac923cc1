import Foundation
import KarpenterAPI
import KarpenterScheduling

/// Everything live `explain pod` says about one pod, before it is printed as text or JSON.
struct LivePodReport: Sendable {
    enum Body: Sendable {
        /// Unbound: the scheduler's explanation, as for manifests.
        case pending(PodExplanation)
        /// Bound: why it is where it is.
        case running(PodPlacement)
        /// Terminating, finished, or on a node that was not listed: nothing to schedule.
        case inactive(String)
    }

    var key: String
    /// Said before anything else: a workload name resolved to a pod, a pod Karpenter does
    /// not act on yet.
    var notes: [String]
    var body: Body
    var status: LivePodStatus
    var events: PodEvents
}

/// What the pod's own status says: phase, age, kube-scheduler's condition, owner.
struct LivePodStatus: Sendable {
    var phase: String
    var created: String?
    var owner: String?
    var nodeName: String?
    var nominatedNode: String?
    /// PodScheduled as kube-scheduler set it.
    var scheduled: PodCondition?

    init(_ pod: Pod) {
        phase = pod.status?.phase?.rawValue ?? "Pending"
        created = pod.metadata.creationTimestamp
        let owners = pod.metadata.ownerReferences ?? []
        owner = (owners.first { $0.controller == true } ?? owners.first).map { "\($0.kind)/\($0.name)" }
        nodeName = pod.spec.nodeName.flatMap { $0.isEmpty ? nil : $0 }
        nominatedNode = pod.status?.nominatedNodeName.flatMap { $0.isEmpty ? nil : $0 }
        scheduled = pod.status?.condition("PodScheduled")
    }

    /// kube-scheduler marked it PodScheduled=False reason Unschedulable: the pods Karpenter acts on.
    var markedUnschedulable: Bool { scheduled?.status == "False" && scheduled?.reason == "Unschedulable" }
}
