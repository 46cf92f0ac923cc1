import Foundation
import KarpenterAPI
import KubeClient

/// A node turning Ready: the kubelet's status report, then the node lifecycle controller
/// lifting the not-ready taint.
enum NodeReadiness {
    static func reportReady(node: String, client: KubernetesClient) async throws(KubeClientError) {
        let now = Timestamps.seconds()
        let patch: JSONValue = .object(["status": .object(["conditions": .array([
            .object([
                "type": .string("Ready"), "status": .string("True"), "reason": .string("KubeletReady"),
                "message": .string("kubelet is posting ready status"),
                "lastHeartbeatTime": .string(now), "lastTransitionTime": .string(now),
            ]),
        ])])])
        _ = try await client.patch(.nodes, name: node, .strategic(patch), subresource: "status")
    }

    /// Read-modify-write with the resourceVersion, retried on conflicts (the controller
    /// registers the node at the same time).
    static func removeNotReadyTaint(node: String, client: KubernetesClient) async throws(KubeClientError) {
        var attempts = 0
        while true {
            var object = try await client.get(.nodes, name: node)
            let taints = object["spec"]?["taints"]?.arrayValue ?? []
            let kept = taints.filter {
                !($0["key"]?.stringValue == SimulatedCloud.notReadyTaint.key
                    && $0["effect"]?.stringValue == SimulatedCloud.notReadyTaint.effect.rawValue)
            }
            if kept.count == taints.count { return }
            object["spec"]?["taints"] = kept.isEmpty ? nil : .array(kept)
            do {
                _ = try await client.update(.nodes, object)
                return
            } catch let error where error.status?.isConflict == true && attempts < 10 {
                attempts += 1
            }
        }
    }
}
