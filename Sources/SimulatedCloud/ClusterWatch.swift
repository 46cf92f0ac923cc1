import KarpenterAPI
import KubeClient
import Logging

/// Nodes and pods kept current by informers and decoded once per change, with a coalescing
/// signal on every change (and on every `tick`), for the level-triggered loops of the kubelet
/// and the binder.
actor ClusterWatch {
    struct NodeEntry: Sendable {
        let raw: JSONValue
        let node: Node
        var name: String { node.metadata.name ?? "" }
    }

    struct PodEntry: Sendable {
        let raw: JSONValue
        let pod: Pod
        var uid: String { pod.metadata.uid ?? "" }
        var key: ObjectKey { ObjectKey(namespace: pod.metadata.namespace, name: pod.metadata.name ?? "") }
    }

    private(set) var nodes: [String: NodeEntry] = [:]
    private(set) var pods: [ObjectKey: PodEntry] = [:]
    nonisolated let changes: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation
    private let nodeInformer: Informer
    private let podInformer: Informer
    private let tick: Duration?
    private let logger: Logger
    private var ticker: Task<Void, Never>?

    init(client: KubernetesClient, tick: Duration?, logger: Logger) {
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        changes = stream
        self.continuation = continuation
        nodeInformer = Informer(client: client, resource: .nodes)
        podInformer = Informer(client: client, resource: .pods)
        self.tick = tick
        self.logger = logger
    }

    /// Returns once both caches hold their first list.
    func start() async {
        await nodeInformer.addHandler { [weak self] event in await self?.applyNode(event) }
        await podInformer.addHandler { [weak self] event in await self?.applyPod(event) }
        await nodeInformer.start()
        await podInformer.start()
        await nodeInformer.waitForSync()
        await podInformer.waitForSync()
        if let tick {
            ticker = Task { [continuation] in
                while !Task.isCancelled {
                    try? await Task.sleep(for: tick)
                    continuation.yield()
                }
            }
        }
        continuation.yield()
    }

    func stop() async {
        ticker?.cancel()
        ticker = nil
        await nodeInformer.stop()
        await podInformer.stop()
        continuation.finish()
    }

    nonisolated func signal() { continuation.yield() }

    private func applyNode(_ event: InformerEvent) {
        let name = event.object["metadata"]?["name"]?.stringValue ?? ""
        if case .deleted = event {
            nodes[name] = nil
        } else if let node = try? event.object.decode(Node.self) {
            nodes[name] = NodeEntry(raw: event.object, node: node)
        } else {
            logger.warning("cannot read node", metadata: ["node": .string(name)])
        }
        continuation.yield()
    }

    private func applyPod(_ event: InformerEvent) {
        let key = ObjectKey(event.object)
        if case .deleted = event {
            pods[key] = nil
        } else if let pod = try? event.object.decode(Pod.self) {
            pods[key] = PodEntry(raw: event.object, pod: pod)
        } else {
            logger.warning("cannot read pod", metadata: ["pod": .string(key.description)])
        }
        continuation.yield()
    }
}
