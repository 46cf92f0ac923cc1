import KubeClient

/// One informer per resource the controller watches. Every replica runs them, leader or not,
/// so a new leader starts with a warm cache.
public struct ClusterInformers: Sendable {
    public let pods: Informer
    public let nodes: Informer
    public let nodePools: Informer
    public let nodeClaims: Informer
    public let nodeClasses: Informer
    public let daemonSets: Informer
    public let podDisruptionBudgets: Informer

    public init(client: KubernetesClient) {
        pods = Informer(client: client, resource: .pods)
        nodes = Informer(client: client, resource: .nodes)
        nodePools = Informer(client: client, resource: .nodePools)
        nodeClaims = Informer(client: client, resource: .nodeClaims)
        nodeClasses = Informer(client: client, resource: .aksNodeClasses)
        daemonSets = Informer(client: client, resource: .daemonSets)
        podDisruptionBudgets = Informer(client: client, resource: .podDisruptionBudgets)
    }

    var all: [Informer] { [pods, nodes, nodePools, nodeClaims, nodeClasses, daemonSets, podDisruptionBudgets] }

    func start() async {
        for informer in all { await informer.start() }
    }

    func waitForSync() async {
        for informer in all { await informer.waitForSync() }
    }

    func hasSynced() async -> Bool {
        for informer in all where !(await informer.hasSynced) { return false }
        return true
    }

    func stop() async {
        for informer in all { await informer.stop() }
    }
}
