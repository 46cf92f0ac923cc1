import KubeClient
import Logging

/// Runs `onChange` after every change a `ClusterWatch` sees, from `start` until `stop`: the
/// shared lifecycle of the simulated kubelet and the binder.
actor WatchLoop {
    private var watch: ClusterWatch?
    private var loop: Task<Void, Never>?

    /// Starts watching; returns once the caches are filled. Idempotent.
    func start(client: KubernetesClient, tick: Duration, logger: Logger,
               onChange: @escaping @Sendable (ClusterWatch) async -> Void) async {
        guard watch == nil else { return }
        let watch = ClusterWatch(client: client, tick: tick, logger: logger)
        self.watch = watch
        await watch.start()
        loop = Task {
            for await _ in watch.changes {
                if Task.isCancelled { break }
                await onChange(watch)
            }
        }
    }

    func stop() async {
        loop?.cancel()
        loop = nil
        await watch?.stop()
        watch = nil
    }
}
