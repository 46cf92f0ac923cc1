import Foundation

/// Collects provisioning triggers into batches (SCHEDULING.md §2): a batch opens with the
/// first trigger and closes after `idle` without a new one, or after `maximum` in total.
/// A trigger for an element already in the batch does not extend it.
actor Batcher {
    private let idle: Duration
    private let maximum: Duration
    private var seen: Set<String> = []
    private var first: ContinuousClock.Instant?
    private var last: ContinuousClock.Instant?
    private var waiter: CheckedContinuation<Void, Never>?

    init(idle: Duration, maximum: Duration) {
        self.idle = idle
        self.maximum = maximum
    }

    func trigger(_ element: String) {
        guard seen.insert(element).inserted else { return }
        let now = ContinuousClock.now
        if first == nil { first = now }
        last = now
        waiter?.resume()
        waiter = nil
    }

    /// Returns when a batch closes; nil when the task is cancelled.
    func nextBatch() async -> Bool {
        while first == nil {
            if Task.isCancelled { return false }
            await withTaskCancellationHandler {
                await withCheckedContinuation { waiter = $0 }
            } onCancel: {
                Task { await self.wake() }
            }
        }
        while let first, let last {
            if Task.isCancelled { return false }
            let now = ContinuousClock.now
            let idleEnd = last + idle
            let maxEnd = first + maximum
            if now >= idleEnd || now >= maxEnd { break }
            try? await Task.sleep(until: min(idleEnd, maxEnd), clock: .continuous)
        }
        seen = []
        first = nil
        last = nil
        return !Task.isCancelled
    }

    private func wake() {
        waiter?.resume()
        waiter = nil
    }
}
