import Foundation
import KarpenterAPI
import KubeClient
import Logging

/// One write a simulated kubelet makes.
enum KubeletAction: Sendable {
    case markReady(node: String, statusIsReady: Bool)
    case renewLease(node: String, nodeUID: String, cached: JSONValue?)
    case startPod(JSONValue, podIP: String, hostIP: String)
    case forceDelete(ObjectKey, uid: String)

    func perform(client: KubernetesClient, options: SimulatedKubelet.Options, logger: Logger) async -> KubeletOutcome {
        switch self {
        case .markReady(let node, let statusIsReady):
            do {
                if !statusIsReady { try await NodeReadiness.reportReady(node: node, client: client) }
                try await NodeReadiness.removeNotReadyTaint(node: node, client: client)
                logger.debug("simulated node ready", metadata: ["node": .string(node)])
                return .markedReady(node: node, succeeded: true)
            } catch {
                logger.warningUnlessStopped("marking node ready failed", metadata: ["node": .string(node), "error": .string("\(error)")])
                return .markedReady(node: node, succeeded: false)
            }
        case .renewLease(let node, let nodeUID, let cached):
            let lease = await NodeLeaseHeartbeat.renew(node: node, nodeUID: nodeUID, cached: cached,
                                                       durationSeconds: options.leaseDurationSeconds, client: client)
            if lease == nil { logger.debug("lease renewal failed", metadata: ["node": .string(node)]) }
            return .leaseRenewed(node: node, lease: lease)
        case .startPod(let pod, let podIP, let hostIP):
            let uid = pod["metadata"]?["uid"]?.stringValue ?? ""
            let key = ObjectKey(pod)
            do {
                _ = try await client.patch(.pods, name: key.name, namespace: key.namespace,
                                           .strategic(PodStatusReport.running(pod, podIP: podIP, hostIP: hostIP, now: Date())),
                                           subresource: "status")
                return .podStarted(uid: uid, succeeded: true)
            } catch let error where error.status?.isNotFound == true {
                return .podStarted(uid: uid, succeeded: true)
            } catch {
                logger.warningUnlessStopped("starting pod failed", metadata: ["pod": .string(key.description), "error": .string("\(error)")])
                return .podStarted(uid: uid, succeeded: false)
            }
        case .forceDelete(let key, let uid):
            do {
                _ = try await client.delete(.pods, name: key.name, namespace: key.namespace,
                                            options: DeleteOptions(gracePeriodSeconds: 0, preconditionUID: uid))
                return .podDeleted(uid: uid, succeeded: true)
            } catch let error where error.status?.isNotFound == true || error.status?.isConflict == true {
                // Gone already, or the name now belongs to another pod.
                return .podDeleted(uid: uid, succeeded: true)
            } catch {
                logger.warningUnlessStopped("deleting pod failed", metadata: ["pod": .string(key.description), "error": .string("\(error)")])
                return .podDeleted(uid: uid, succeeded: false)
            }
        }
    }
}

enum KubeletOutcome: Sendable {
    case markedReady(node: String, succeeded: Bool)
    /// The lease as written, nil when the renewal failed.
    case leaseRenewed(node: String, lease: JSONValue?)
    case podStarted(uid: String, succeeded: Bool)
    case podDeleted(uid: String, succeeded: Bool)
}

extension Logger {
    /// Requests cut short by `stop()` are not worth a warning.
    func warningUnlessStopped(_ message: Logger.Message, metadata: Logger.Metadata) {
        if !Task.isCancelled { warning(message, metadata: metadata) }
    }
}
