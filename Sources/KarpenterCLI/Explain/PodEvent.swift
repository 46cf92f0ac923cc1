import Foundation
import KarpenterAPI

/// One core/v1 Event about a pod, with the fields old-style (`count`, `firstTimestamp`) and
/// new-style (`series`, `eventTime`, `reportingController`) events spread over.
struct PodEvent: Sendable, Hashable {
    var type: String
    var reason: String
    var message: String
    /// Who reported it: `default-scheduler`, `karpenter`, `kubelet`.
    var source: String
    var count: Int
    var firstSeen: String?
    var lastSeen: String?

    init(type: String = "Normal", reason: String, message: String, source: String, count: Int = 1,
         firstSeen: String? = nil, lastSeen: String? = nil) {
        self.type = type
        self.reason = reason
        self.message = message
        self.source = source
        self.count = count
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
    }

    init(_ value: JSONValue) {
        func text(_ path: String...) -> String? {
            var current: JSONValue? = value
            for key in path { current = current?[key] }
            guard let string = current?.stringValue, !string.isEmpty else { return nil }
            return string
        }
        let created = text("metadata", "creationTimestamp")
        self.init(type: text("type") ?? "Normal", reason: text("reason") ?? "", message: text("message") ?? "",
                  source: text("source", "component") ?? text("reportingController") ?? text("reportingComponent") ?? "",
                  count: Int(value["series"]?["count"]?.integerValue ?? value["count"]?.integerValue ?? 1),
                  firstSeen: text("firstTimestamp") ?? text("eventTime") ?? created,
                  lastSeen: text("lastTimestamp") ?? text("series", "lastObservedTime") ?? text("eventTime") ?? created)
    }

    var isKarpenter: Bool { source.lowercased().contains("karpenter") }

    /// kube-scheduler's verdicts (any scheduler: the pod may name its own).
    var isScheduler: Bool { !isKarpenter && (reason == "FailedScheduling" || reason == "Scheduled" || source.hasSuffix("scheduler")) }

    /// `FailedScheduling 40s ago (x3 over 5m) default-scheduler: 0/3 nodes are available: ...`
    func line(now: Date) -> String {
        var text = reason
        if let lastSeen { text += " \(KubectlAge.since(lastSeen, now: now)) ago" }
        if count > 1 { text += " (x\(count)\(firstSeen.map { " over \(KubectlAge.since($0, now: now))" } ?? ""))" }
        if !source.isEmpty { text += " \(source)" }
        return text + ": " + message
    }

    func lastSeenDate() -> Date { lastSeen.flatMap(KubeTimestamp.parse) ?? .distantPast }
}

/// The events of one pod, newest first, split into kube-scheduler's and Karpenter's.
struct PodEvents: Sendable {
    var scheduler: [PodEvent]
    var karpenter: [PodEvent]

    init(scheduler: [PodEvent] = [], karpenter: [PodEvent] = []) {
        self.scheduler = scheduler
        self.karpenter = karpenter
    }

    /// Events whose involved object is this pod; when both carry a UID it must match, so
    /// events of an earlier pod with the same name (a StatefulSet's) are left out.
    init(_ values: [JSONValue], pod: Pod) {
        let namespace = pod.metadata.namespace ?? "default"
        let relevant = values.filter { value in
            let involved = value["involvedObject"]
            guard involved?["kind"]?.stringValue == "Pod", involved?["name"]?.stringValue == pod.metadata.name,
                  (involved?["namespace"]?.stringValue ?? namespace) == namespace else { return false }
            if let uid = involved?["uid"]?.stringValue, let podUID = pod.metadata.uid, !uid.isEmpty { return uid == podUID }
            return true
        }.map(PodEvent.init).sorted { $0.lastSeenDate() > $1.lastSeenDate() }
        self.init(scheduler: relevant.filter(\.isScheduler), karpenter: relevant.filter(\.isKarpenter))
    }
}
