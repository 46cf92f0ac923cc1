import Foundation
import KarpenterAPI
import KubeClient
import Logging

/// Writes core/v1 Events from component `karpenter`, at most once per (object, reason,
/// message) within the dedupe window (ECOSYSTEM.md §5.4).
actor EventRecorder {
    enum Reason {
        static let failedScheduling = "FailedScheduling"
        static let nominated = "Nominated"
        static let insufficientCapacity = "InsufficientCapacityError"
        static let launchFailed = "LaunchFailed"
        static let registrationTimeout = "RegistrationTimeout"
        static let garbageCollected = "GarbageCollected"
    }

    private let client: KubernetesClient
    private let logger: Logger
    private let window: TimeInterval
    private var recent: [String: Date] = [:]

    init(client: KubernetesClient, logger: Logger, window: TimeInterval = 300) {
        self.client = client
        self.logger = logger
        self.window = window
    }

    func record(_ object: JSONValue, warning: Bool, reason: String, message: String) async {
        let key = "\(object.uid)|\(reason)|\(message)"
        let now = Date()
        if let last = recent[key], now.timeIntervalSince(last) < window { return }
        recent[key] = now
        if recent.count > 10_000 { recent = recent.filter { now.timeIntervalSince($0.value) < window } }

        let namespace = object.namespace ?? "default"
        let timestamp = Timestamps.string(now)
        let event = Event(metadata: ObjectMeta(generateName: "\(object.name).", namespace: namespace),
                          involvedObject: ObjectReference(apiVersion: object["apiVersion"]?.stringValue,
                                                          kind: object["kind"]?.stringValue, namespace: object.namespace,
                                                          name: object.name, uid: object.uid,
                                                          resourceVersion: object.resourceVersion),
                          reason: reason, message: message, type: warning ? "Warning" : "Normal", count: 1,
                          firstTimestamp: timestamp, lastTimestamp: timestamp,
                          source: EventSource(component: KarpenterNames.component),
                          reportingController: KarpenterNames.component)
        do {
            _ = try await client.create(.events, JSONValue.of(event), namespace: namespace)
        } catch {
            logger.debug("could not record event", metadata: ["reason": "\(reason)", "error": "\(error)"])
        }
    }
}
