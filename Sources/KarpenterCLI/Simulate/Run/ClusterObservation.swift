import Foundation
import KarpenterAPI

/// What the timeline watches in the in-memory cluster at one instant.
struct ClusterObservation: Sendable {
    struct PodState: Sendable, Equatable {
        var node: String?
        var unschedulable: Bool
        var running: Bool
    }

    struct ClaimState: Sendable, Equatable {
        var nodePool: String
        var instanceType: String?
        var zone: String?
        var capacityType: String?
        var launched: Bool
        var registered: Bool
        var initialized: Bool
        var deleting: Bool
        var launchFailure: String?
    }

    var pods: [String: PodState] = [:]
    var claims: [String: ClaimState] = [:]
    var readyNodes: Set<String> = []
    /// Karpenter's latest FailedScheduling message per pod key.
    var karpenterReasons: [String: String] = [:]

    init() {}

    init(pods: [JSONValue], claims: [JSONValue], nodes: [JSONValue], events: [JSONValue]) {
        for pod in pods where !Self.isDaemon(pod) {
            let key = "\(pod["metadata"]?["namespace"]?.stringValue ?? "default")/\(pod["metadata"]?["name"]?.stringValue ?? "")"
            let conditions = pod["status"]?["conditions"]?.arrayValue ?? []
            let unschedulable = conditions.contains {
                $0["type"]?.stringValue == "PodScheduled" && $0["status"]?.stringValue == "False" && $0["reason"]?.stringValue == "Unschedulable"
            }
            self.pods[key] = PodState(node: pod["spec"]?["nodeName"]?.stringValue, unschedulable: unschedulable,
                                      running: pod["status"]?["phase"]?.stringValue == "Running")
        }
        for claim in claims {
            let name = claim["metadata"]?["name"]?.stringValue ?? ""
            let labels = claim["metadata"]?["labels"]
            let conditions = claim["status"]?["conditions"]?.arrayValue ?? []
            func isTrue(_ type: String) -> Bool {
                conditions.contains { $0["type"]?.stringValue == type && $0["status"]?.stringValue == "True" }
            }
            let launchCondition = conditions.first { $0["type"]?.stringValue == "Launched" && $0["status"]?.stringValue == "False" }
            self.claims[name] = ClaimState(
                nodePool: labels?["karpenter.sh/nodepool"]?.stringValue ?? "-",
                instanceType: labels?["node.kubernetes.io/instance-type"]?.stringValue,
                zone: labels?["topology.kubernetes.io/zone"]?.stringValue,
                capacityType: labels?["karpenter.sh/capacity-type"]?.stringValue,
                launched: isTrue("Launched"), registered: isTrue("Registered"), initialized: isTrue("Initialized"),
                deleting: claim["metadata"]?["deletionTimestamp"] != nil,
                launchFailure: launchCondition?["message"]?.stringValue)
        }
        for node in nodes {
            let ready = (node["status"]?["conditions"]?.arrayValue ?? []).contains {
                $0["type"]?.stringValue == "Ready" && $0["status"]?.stringValue == "True"
            }
            if ready, let name = node["metadata"]?["name"]?.stringValue { readyNodes.insert(name) }
        }
        for event in events.sorted(by: { Self.time(of: $0) < Self.time(of: $1) })
        where event["reason"]?.stringValue == "FailedScheduling" && event["involvedObject"]?["kind"]?.stringValue == "Pod"
            && (event["source"]?["component"]?.stringValue == "karpenter" || event["reportingComponent"]?.stringValue == "karpenter") {
            let involved = event["involvedObject"]
            let key = "\(involved?["namespace"]?.stringValue ?? "default")/\(involved?["name"]?.stringValue ?? "")"
            karpenterReasons[key] = event["message"]?.stringValue
        }
    }

    var boundCount: Int { pods.values.filter { $0.node != nil }.count }

    /// Nothing left to happen: every pod runs or has Karpenter's verdict that it cannot be
    /// placed, and every NodeClaim has finished launching (or is going away).
    var isSettled: Bool {
        !pods.isEmpty
            && pods.allSatisfy { key, pod in pod.node != nil ? pod.running : karpenterReasons[key] != nil }
            && claims.values.allSatisfy { $0.initialized || $0.deleting }
    }
    var allBound: Bool { !pods.isEmpty && pods.values.allSatisfy { $0.node != nil } }

    private static func isDaemon(_ pod: JSONValue) -> Bool {
        (pod["metadata"]?["ownerReferences"]?.arrayValue ?? []).contains { $0["kind"]?.stringValue == "DaemonSet" }
    }

    private static func time(of event: JSONValue) -> String {
        event["lastTimestamp"]?.stringValue ?? event["eventTime"]?.stringValue ?? ""
    }
}
