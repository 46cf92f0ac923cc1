import Foundation
import KarpenterAPI
import KubeClient

/// Keeps `status.lastPodEventTime` of NodeClaims (DISRUPTION.md §5): bumped when a pod that is
/// not a DaemonSet's binds to the node, finishes, or starts terminating, at most once per 10 s
/// per NodeClaim. `consolidateAfter` counts from it: "no pod arrived or left for this long".
actor PodEventTracker {
    static let minimumInterval: TimeInterval = 10

    let informers: ClusterInformers
    let writes: ObjectWrites
    private var lastWritten: [String: Date] = [:]
    /// Only the leader writes.
    private var active = false

    init(informers: ClusterInformers, writes: ObjectWrites) {
        self.informers = informers
        self.writes = writes
    }

    /// The node whose NodeClaim this event concerns, if it is one that counts.
    static func affectedNode(_ event: InformerEvent) -> String? {
        let (old, new): (JSONValue?, JSONValue)
        switch event {
        case .added(let pod): (old, new) = (nil, pod)
        case .updated(let before, let after): (old, new) = (before, after)
        case .deleted: return nil
        }
        let isDaemonSetPod = (new["metadata"]?["ownerReferences"]?.arrayValue ?? []).contains { $0["kind"]?.stringValue == "DaemonSet" }
        guard !isDaemonSetPod, let node = nodeName(new) else { return nil }
        let bound = nodeName(old ?? .null) == nil
        let finished = isTerminal(new) && !(old.map(isTerminal) ?? false)
        let terminating = new.isDeleting && !(old?.isDeleting ?? false)
        return bound || finished || terminating ? node : nil
    }

    func setActive(_ isActive: Bool) { active = isActive }

    func record(_ event: InformerEvent) async {
        guard active, let nodeName = Self.affectedNode(event) else { return }
        guard let nodeClaim = await informers.nodeClaims.items().first(where: { $0["status"]?["nodeName"]?.stringValue == nodeName }),
              !nodeClaim.isDeleting else { return }
        let now = Date()
        if let last = lastWritten[nodeClaim.name], now.timeIntervalSince(last) < Self.minimumInterval { return }
        lastWritten[nodeClaim.name] = now
        _ = try? await writes.patchStatus(.nodeClaims, nodeClaim, ["lastPodEventTime": .string(Timestamps.string(now))])
    }

    private static func nodeName(_ pod: JSONValue) -> String? {
        guard let name = pod["spec"]?["nodeName"]?.stringValue, !name.isEmpty else { return nil }
        return name
    }

    private static func isTerminal(_ pod: JSONValue) -> Bool {
        let phase = pod["status"]?["phase"]?.stringValue
        return phase == "Succeeded" || phase == "Failed"
    }
}
