/// A keyed work queue as client-go's: a key is queued at most once, never handed to two
/// workers at once, and a key added while it is processed is queued again when done.
actor WorkQueue {
    private var queue: [String] = []
    private var queued: Set<String> = []
    private var processing: Set<String> = []
    private var dirty: Set<String> = []
    private var waiters: [CheckedContinuation<String?, Never>] = []
    private var shutDown = false

    func add(_ key: String) {
        guard !shutDown else { return }
        if processing.contains(key) {
            dirty.insert(key)
            return
        }
        guard queued.insert(key).inserted else { return }
        if waiters.isEmpty {
            queue.append(key)
        } else {
            queued.remove(key)
            processing.insert(key)
            waiters.removeFirst().resume(returning: key)
        }
    }

    nonisolated func add(_ key: String, after delay: Duration) {
        Task {
            try? await Task.sleep(for: delay)
            await self.add(key)
        }
    }

    /// The next key to work on; nil once the queue is shut down.
    func next() async -> String? {
        if shutDown { return nil }
        if !queue.isEmpty {
            let key = queue.removeFirst()
            queued.remove(key)
            processing.insert(key)
            return key
        }
        return await withCheckedContinuation { waiters.append($0) }
    }

    func done(_ key: String) {
        processing.remove(key)
        if dirty.remove(key) != nil { add(key) }
    }

    func shutdown() {
        shutDown = true
        for waiter in waiters { waiter.resume(returning: nil) }
        waiters = []
    }

    /// Allows reuse after a shutdown (a replica that leads again).
    func restart() {
        shutDown = false
    }
}
