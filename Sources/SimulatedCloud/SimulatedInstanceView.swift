import Foundation
import KarpenterAPI
import KarpenterCloud

/// Reads a simulated instance off its Node object.
struct SimulatedInstanceView {
    let node: JSONValue

    init(_ node: JSONValue) { self.node = node }

    var name: String { node["metadata"]?["name"]?.stringValue ?? "" }
    var providerID: String? { node["spec"]?["providerID"]?.stringValue }
    var imageID: String? { node["metadata"]?["annotations"]?[SimulatedCloud.imageAnnotation]?.stringValue }
    var nodeClaimName: String? { node["metadata"]?["annotations"]?[SimulatedCloud.nodeClaimAnnotation]?.stringValue }

    func label(_ key: String) -> String? { node["metadata"]?["labels"]?[key]?.stringValue }

    /// The labels the cloud reports for the instance: the Node's, minus what only a kubelet sets.
    var instanceLabels: [String: String] {
        var labels: [String: String] = [:]
        for (key, value) in node["metadata"]?["labels"]?.objectValue ?? [:] {
            if let text = value.stringValue { labels[key] = text }
        }
        for key in [WellKnownLabel.hostname, "beta.kubernetes.io/arch", "beta.kubernetes.io/os",
                    "kubernetes.azure.com/role", "karpenter.sh/do-not-sync-taints"] {
            labels[key] = nil
        }
        return labels
    }

    func resourceList(_ field: String) -> ResourceList {
        var list: ResourceList = [:]
        for (name, value) in node["status"]?[field]?.objectValue ?? [:] {
            if let text = value.stringValue, let quantity = try? Quantity(parsing: text) { list[name] = quantity }
        }
        return list
    }

    /// Terminated by the cloud; the Node object only waits for its finalizers.
    static func isTerminated(_ node: JSONValue) -> Bool {
        node["metadata"]?["annotations"]?[SimulatedCloud.terminatedAnnotation] != nil
            && node["metadata"]?["deletionTimestamp"]?.stringValue != nil
    }

    var instance: CloudInstance {
        let terminating = node["metadata"]?["deletionTimestamp"]?.stringValue != nil
        return CloudInstance(
            providerID: providerID ?? "", nodeClaimName: nodeClaimName, nodePoolName: label(WellKnownLabel.nodePool),
            instanceType: label(WellKnownLabel.instanceType), zone: label(WellKnownLabel.zone),
            capacityType: label(WellKnownLabel.capacityType), imageID: imageID,
            state: terminating ? .deleting : .running,
            createdAt: Timestamps.parse(node["metadata"]?["creationTimestamp"]?.stringValue))
    }
}
