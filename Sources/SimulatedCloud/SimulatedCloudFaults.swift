import KarpenterCloud

/// Failures a test (or a demo) injects into the simulated cloud: offerings without capacity,
/// slow launches, random launch failures from a seeded generator, and drift.
public final class SimulatedCloudFaults: Sendable {
    private struct State {
        /// Offering -> launches left that fail; nil = until restored. A zone of "" means every zone.
        var exhausted: [OfferingKey: Int?] = [:]
        var launchDelay: Duration = .zero
        var failureRate = 0.0
        var generator = SeededGenerator(seed: 1)
        var drift: [String: String] = [:]
    }

    private let state = LockedState(State())

    public init() {}

    /// The next `launches` launches that pick `offering` fail with insufficient capacity
    /// (nil: every launch until `restoreCapacity`). A zone of "" covers every zone.
    public func exhaustCapacity(of offering: OfferingKey, forLaunches launches: Int? = 1) {
        state.withLock { $0.exhausted[offering] = .some(launches) }
    }

    /// Gives capacity back to `offering`, or to every offering when nil.
    public func restoreCapacity(of offering: OfferingKey? = nil) {
        state.withLock { state in
            if let offering { state.exhausted[offering] = nil } else { state.exhausted = [:] }
        }
    }

    /// Time between a launch request and the Node appearing.
    public var launchDelay: Duration {
        get { state.withLock { $0.launchDelay } }
        set { state.withLock { $0.launchDelay = newValue } }
    }

    /// Fails this fraction of launches (0...1) with insufficient capacity, drawn from a generator
    /// seeded with `seed` so a run can be repeated.
    public func failLaunches(rate: Double, seed: UInt64) {
        state.withLock {
            $0.failureRate = min(1, max(0, rate))
            $0.generator = SeededGenerator(seed: seed)
        }
    }

    /// Makes `driftReason` report `reason` for the instance of `nodeClaim` (nil clears it).
    public func setDrift(_ reason: String?, nodeClaim: String) {
        state.withLock { $0.drift[nodeClaim] = reason }
    }

    // MARK: Used by the provider

    /// Whether a launch onto `offering` fails for lack of capacity; counts the launch down.
    func consumeCapacityFailure(_ offering: OfferingKey) -> Bool {
        state.withLock { state in
            let regional = OfferingKey(instanceType: offering.instanceType, zone: "", capacityType: offering.capacityType)
            for key in [offering, regional] {
                guard let entry = state.exhausted[key] else { continue }
                guard let left = entry else { return true }
                if left <= 1 { state.exhausted[key] = nil } else { state.exhausted[key] = .some(left - 1) }
                if left >= 1 { return true }
            }
            return false
        }
    }

    func drawRandomFailure() -> Bool {
        state.withLock { state in
            guard state.failureRate > 0 else { return false }
            return Double.random(in: 0..<1, using: &state.generator) < state.failureRate
        }
    }

    func drift(nodeClaim: String) -> String? {
        state.withLock { $0.drift[nodeClaim] }
    }
}
