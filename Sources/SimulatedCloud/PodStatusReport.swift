import Foundation
import KarpenterAPI

/// The status a kubelet reports for a pod whose containers all started: a strategic merge
/// patch for `pods/status` (conditions merge by type).
enum PodStatusReport {
    static func running(_ pod: JSONValue, podIP: String, hostIP: String, now: Date) -> JSONValue {
        let time = Timestamps.seconds(now)
        func condition(_ type: String) -> JSONValue {
            .object(["type": .string(type), "status": .string("True"), "lastProbeTime": .null, "lastTransitionTime": .string(time)])
        }
        let containers = pod["spec"]?["containers"]?.arrayValue ?? []
        let initContainers = pod["spec"]?["initContainers"]?.arrayValue ?? []
        var status: JSONValue = .object([
            "phase": .string("Running"),
            "hostIP": .string(hostIP), "hostIPs": .array([.object(["ip": .string(hostIP)])]),
            "podIP": .string(podIP), "podIPs": .array([.object(["ip": .string(podIP)])]),
            "startTime": .string(time),
            "conditions": .array(["PodReadyToStartContainers", "Initialized", "ContainersReady", "Ready"].map(condition)),
            "containerStatuses": .array(containers.map { running($0, pod: pod, time: time) }),
        ])
        if !initContainers.isEmpty {
            status["initContainerStatuses"] = .array(initContainers.map { container in
                container["restartPolicy"]?.stringValue == "Always"
                    ? running(container, pod: pod, time: time) : completed(container, pod: pod, time: time)
            })
        }
        return .object(["status": status])
    }

    private static func running(_ container: JSONValue, pod: JSONValue, time: String) -> JSONValue {
        var status = base(container, pod: pod)
        status["ready"] = .bool(true)
        status["started"] = .bool(true)
        status["state"] = .object(["running": .object(["startedAt": .string(time)])])
        return status
    }

    private static func completed(_ container: JSONValue, pod: JSONValue, time: String) -> JSONValue {
        var status = base(container, pod: pod)
        status["ready"] = .bool(true)
        status["started"] = .bool(false)
        status["state"] = .object(["terminated": .object([
            "exitCode": .int(0), "reason": .string("Completed"), "startedAt": .string(time), "finishedAt": .string(time),
        ])])
        return status
    }

    private static func base(_ container: JSONValue, pod: JSONValue) -> JSONValue {
        let name = container["name"]?.stringValue ?? ""
        let image = container["image"]?.stringValue ?? ""
        let uid = pod["metadata"]?["uid"]?.stringValue ?? ""
        return .object([
            "name": .string(name), "image": .string(image), "imageID": .string(image),
            "containerID": .string("containerd://" + NodeAddressing.hexID(uid + "/" + name) + NodeAddressing.hexID(name + "/" + uid)),
            "restartCount": .int(0),
        ])
    }
}
