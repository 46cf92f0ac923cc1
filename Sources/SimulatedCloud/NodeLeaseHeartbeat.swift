import Foundation
import KarpenterAPI
import KubeClient

/// The kubelet's heartbeat: a `coordination.k8s.io/v1` Lease named after the node in
/// `kube-node-lease`, owned by the Node (so it goes when the Node goes), renewed periodically.
enum NodeLeaseHeartbeat {
    /// The lease as written, or nil when it could not be renewed.
    static func renew(node: String, nodeUID: String, cached: JSONValue?, durationSeconds: Int,
                      client: KubernetesClient) async -> JSONValue? {
        let now = Timestamps.micro()
        if var lease = cached {
            lease["spec"]?["renewTime"] = .string(now)
            if let written = try? await client.update(.leases, lease) { return written }
        }
        do {
            var lease = try await client.get(.leases, name: node, namespace: SimulatedCloud.nodeLeaseNamespace)
            lease["spec"]?["renewTime"] = .string(now)
            lease["spec"]?["holderIdentity"] = .string(node)
            return try await client.update(.leases, lease)
        } catch let error where error.status?.isNotFound == true {
            return try? await client.create(.leases, newLease(node: node, nodeUID: nodeUID, durationSeconds: durationSeconds, now: now),
                                            namespace: SimulatedCloud.nodeLeaseNamespace)
        } catch {
            return nil
        }
    }

    static func newLease(node: String, nodeUID: String, durationSeconds: Int, now: String) -> JSONValue {
        var metadata: JSONValue = .object(["name": .string(node), "namespace": .string(SimulatedCloud.nodeLeaseNamespace)])
        if !nodeUID.isEmpty {
            metadata["ownerReferences"] = .array([.object([
                "apiVersion": .string("v1"), "kind": .string("Node"), "name": .string(node), "uid": .string(nodeUID),
            ])])
        }
        return .object([
            "apiVersion": .string("coordination.k8s.io/v1"), "kind": .string("Lease"), "metadata": metadata,
            "spec": .object([
                "holderIdentity": .string(node), "leaseDurationSeconds": .int(Int64(durationSeconds)),
                "renewTime": .string(now),
            ]),
        ])
    }
}
