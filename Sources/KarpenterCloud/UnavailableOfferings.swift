import Foundation
import KarpenterScheduling

/// Offerings that recently failed for lack of capacity, each until its expiry, so launches
/// and scheduling skip them (Karpenter's unavailable-offerings cache; CLOUD.md gives the TTLs).
/// Thread-safe; the clock is injectable for tests.
public final class UnavailableOfferings: @unchecked Sendable {
    private var entries: [OfferingKey: Date] = [:]
    private var version = 0
    private let lock = NSLock()
    private let now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date = { Date() }) {
        self.now = now
    }

    /// Marks the offerings unavailable for `ttl` seconds from now.
    public func mark(_ keys: [OfferingKey], for ttl: TimeInterval) {
        let until = now().addingTimeInterval(ttl)
        lock.lock()
        defer { lock.unlock() }
        for key in keys { entries[key] = max(entries[key] ?? .distantPast, until) }
        version += 1
    }

    public func isUnavailable(_ key: OfferingKey) -> Bool {
        let current = now()
        lock.lock()
        defer { lock.unlock() }
        if let until = entries[key], until > current { return true }
        // A regional mark covers every zone.
        let regional = OfferingKey(instanceType: key.instanceType, zone: "", capacityType: key.capacityType)
        if let until = entries[regional], until > current { return true }
        return false
    }

    /// The offerings still unavailable now, for status and metrics.
    public func current() -> [OfferingKey] {
        let current = now()
        lock.lock()
        defer { lock.unlock() }
        entries = entries.filter { $0.value > current }
        return entries.keys.sorted { $0.description < $1.description }
    }

    /// Bumped on every mark: cached scheduling inputs built before must be rebuilt.
    public var generation: Int {
        lock.lock()
        defer { lock.unlock() }
        return version
    }

    /// `types` with the offerings that are unavailable now marked so (the scheduler skips them).
    public func applied(to types: [InstanceType]) -> [InstanceType] {
        types.map { type in
            let offerings = type.offerings.map { offering -> Offering in
                let key = OfferingKey(instanceType: type.name, zone: offering.zone, capacityType: offering.capacityType)
                guard offering.available, isUnavailable(key) else { return offering }
                return offering.withAvailability(false)
            }
            return offerings == type.offerings ? type : type.replacingOfferings(offerings)
        }
    }
}
