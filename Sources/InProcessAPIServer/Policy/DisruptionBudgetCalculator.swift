import Foundation
import KarpenterAPI

/// What the disruption controller computes for one PodDisruptionBudget.
struct DisruptionBudgetCounts: Equatable {
    var expectedPods: Int64
    var desiredHealthy: Int64
    var currentHealthy: Int64
    var disruptionsAllowed: Int64
}

/// The disruption controller's arithmetic, from the budget, its pods and their controllers.
enum DisruptionBudgetCalculator {
    struct Failure: Error {
        let message: String
    }

    /// Pods of the budget's namespace its selector matches (policy/v1: an empty selector
    /// matches every pod, a missing one none).
    static func selectedPods(_ budget: JSONValue, from pods: [JSONValue]) -> [JSONValue] {
        guard let selector = LabelSelector(selectorObject: budget["spec"]?["selector"]) else { return [] }
        return pods.filter { selector.matches($0.labels) }
    }

    static func isReady(_ pod: JSONValue) -> Bool {
        let conditions = pod["status"]?["conditions"]?.arrayValue ?? []
        return conditions.contains { $0["type"]?.stringValue == "Ready" && $0["status"]?.stringValue == "True" }
    }

    /// Counted as healthy: ready and not being deleted.
    static func isHealthy(_ pod: JSONValue) -> Bool {
        !pod.isTerminating && isReady(pod)
    }

    /// - Parameter scale: the replicas of the controller a pod's controller reference names, or
    ///   nil when it has none the controller knows (which fails the computation, as upstream).
    static func counts(for budget: JSONValue, pods: [JSONValue],
                       scale: (JSONValue) -> (uid: String, replicas: Int64)?) throws(Failure) -> DisruptionBudgetCounts {
        let spec = budget["spec"] ?? .object([:])
        let expected: Int64
        let desired: Int64
        if let maxUnavailable = spec["maxUnavailable"], !maxUnavailable.isNull {
            expected = try expectedScale(pods, scale: scale)
            let unavailable = try scaledValue(maxUnavailable, total: expected)
            let (difference, overflow) = expected.subtractingReportingOverflow(unavailable)
            desired = overflow ? 0 : max(0, difference)
        } else if let minAvailable = spec["minAvailable"], !minAvailable.isNull {
            if let count = minAvailable.integerValue {
                desired = count
                expected = Int64(pods.count)
            } else {
                expected = try expectedScale(pods, scale: scale)
                desired = try scaledValue(minAvailable, total: expected)
            }
        } else {
            expected = Int64(pods.count)
            desired = 0
        }
        let healthy = Int64(pods.filter(isHealthy).count)
        let (difference, overflow) = healthy.subtractingReportingOverflow(desired)
        var allowed = overflow ? 0 : difference
        if expected <= 0 || allowed <= 0 { allowed = 0 }
        return DisruptionBudgetCounts(expectedPods: expected, desiredHealthy: desired, currentHealthy: healthy, disruptionsAllowed: allowed)
    }

    /// An int, or a percentage of `total` rounded up.
    static func scaledValue(_ value: JSONValue, total: Int64) throws(Failure) -> Int64 {
        if let count = value.integerValue { return count }
        guard let text = value.stringValue, text.hasSuffix("%"), let percent = Int64(text.dropLast()), percent >= 0 else {
            throw Failure(message: "invalid value for IntOrString: invalid type: string is not a percentage")
        }
        return Int64((Double(min(percent, 100)) * Double(min(total, 1 << 40)) / 100).rounded(.up))
    }

    /// The sum of the replicas of the distinct controllers of the pods.
    private static func expectedScale(_ pods: [JSONValue], scale: (JSONValue) -> (uid: String, replicas: Int64)?) throws(Failure) -> Int64 {
        var controllers: [String: Int64] = [:]
        for pod in pods {
            guard let reference = pod.ownerReferences.first(where: { $0["controller"]?.boolValue == true }) else {
                throw Failure(message: "found no controller ref for pod \"\(pod.metadataName)\"")
            }
            guard let found = scale(reference) else {
                throw Failure(message: "found no controllers for pod \"\(pod.metadataName)\"")
            }
            controllers[found.uid] = found.replicas
        }
        return controllers.values.reduce(0, +)
    }

    /// The status the controller writes, keeping the condition's transition time when its status stays.
    static func status(_ counts: DisruptionBudgetCounts, generation: Int64, previous: JSONValue?, now: String) -> JSONValue {
        let allowed = counts.disruptionsAllowed > 0
        let condition = conditionObject(status: allowed ? "True" : "False", reason: allowed ? "SufficientPods" : "InsufficientPods",
                                        message: "", generation: generation, previous: previous, now: now)
        return .object([
            "observedGeneration": .int(generation),
            "disruptionsAllowed": .int(counts.disruptionsAllowed),
            "currentHealthy": .int(counts.currentHealthy),
            "desiredHealthy": .int(counts.desiredHealthy),
            "expectedPods": .int(counts.expectedPods),
            "conditions": .array([condition]),
        ])
    }

    /// The fail-safe status when the counts cannot be computed: no disruption allowed.
    static func failedStatus(_ message: String, generation: Int64, previous: JSONValue?, now: String) -> JSONValue {
        var status = previous ?? .object([:])
        if status.objectValue == nil { status = .object([:]) }
        status["disruptionsAllowed"] = .int(0)
        status["conditions"] = .array([conditionObject(status: "False", reason: "SyncFailed", message: message,
                                                       generation: generation, previous: previous, now: now)])
        return status
    }

    private static func conditionObject(status: String, reason: String, message: String, generation: Int64,
                                        previous: JSONValue?, now: String) -> JSONValue {
        let old = previous?["conditions"]?.arrayValue?.first { $0["type"]?.stringValue == "DisruptionAllowed" }
        let transition = old?["status"]?.stringValue == status ? (old?["lastTransitionTime"] ?? .string(now)) : .string(now)
        return .object([
            "type": .string("DisruptionAllowed"), "status": .string(status), "observedGeneration": .int(generation),
            "lastTransitionTime": transition, "reason": .string(reason), "message": .string(message),
        ])
    }
}
