import Foundation
import KarpenterAPI
import KubeClient

extension NodeClaimReconciler {
    /// When the NodeClaim expires: creationTimestamp + `spec.expireAfter`; nil for `Never`,
    /// no value or an unreadable one.
    static func expirationTime(of nodeClaim: JSONValue) -> Date? {
        guard let text = nodeClaim["spec"]?["expireAfter"]?.stringValue, !text.isEmpty,
              let expireAfter = try? NillableDuration(parsing: text), let duration = expireAfter.duration,
              let created = Timestamps.date(nodeClaim["metadata"]?["creationTimestamp"]?.stringValue) else { return nil }
        return created.addingTimeInterval(duration.seconds)
    }

    /// Expiration (DISRUPTION.md §8): an expired NodeClaim is deleted at once, with no budget,
    /// simulation or replacement; its pods are provisioned for again as they are evicted, and
    /// the terminationGracePeriod bounds its drain.
    /// - Returns: whether it expired now, or when it will.
    func expireIfNeeded(_ nodeClaim: JSONValue, now: Date = Date()) async throws -> ExpirationCheck {
        guard let expires = Self.expirationTime(of: nodeClaim) else { return .notExpiring }
        let remaining = expires.timeIntervalSince(now)
        if remaining > 0 {
            return .expiresIn(.milliseconds(Int64((remaining * 1000).rounded(.up)) + 50), at: expires)
        }
        let expireAfter = nodeClaim["spec"]?["expireAfter"]?.stringValue ?? ""
        logger.info("deleting expired nodeclaim", metadata: ["NodeClaim": "\(nodeClaim.name)", "expireAfter": "\(expireAfter)"])
        let message = "NodeClaim expired: it is older than its expireAfter of \(expireAfter)"
        await events.record(nodeClaim, warning: false, reason: TerminationNames.Reason.expired, message: message)
        if let providerID = Self.providerID(of: nodeClaim), let node = await node(withProviderID: providerID) {
            await events.record(node, warning: false, reason: TerminationNames.Reason.expired, message: message)
        }
        try await writes.delete(.nodeClaims, nodeClaim)
        metrics.nodeClaimExpired(nodePool: Self.nodePool(of: nodeClaim))
        await expirations.forget(nodeClaim.name)
        await reprovision("nodeclaim-expired/\(nodeClaim.name)")
        return .expired
    }

    enum ExpirationCheck {
        case notExpiring
        case expiresIn(Duration, at: Date)
        case expired
    }

    /// The requeue a reconcile asks for, given the one its steps asked for and the expiration:
    /// the expiration is asked for once per deadline (a wait already pending is not repeated,
    /// so frequent reconciles do not pile up sleeping timers).
    func requeue(_ delay: Duration?, _ expiration: ExpirationCheck, name: String) async -> Duration? {
        guard case .expiresIn(let remaining, let deadline) = expiration else { return delay }
        if let delay, delay <= remaining { return delay }
        guard await expirations.arm(name, deadline: deadline) else { return delay }
        return remaining
    }
}

/// The expiration deadlines a requeue is already pending for, per NodeClaim.
actor ExpirationTimers {
    private var armed: [String: Date] = [:]

    /// True when no requeue is pending for this deadline yet (and records it).
    func arm(_ name: String, deadline: Date) -> Bool {
        if armed[name] == deadline { return false }
        armed[name] = deadline
        return true
    }

    func forget(_ name: String) {
        armed[name] = nil
    }
}
