import ArgumentParser
import Foundation
import KarpenterScheduling

/// `kubectl karpenter get nodepools|nodeclaims|nodes`: kubectl-style tables with what
/// Karpenter users ask about (usage against limits, instance types, prices).
struct GetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get",
        abstract: "List NodePools, NodeClaims or nodes with usage, instance types and prices.",
        discussion: """
        Reads the cluster of the current kubeconfig context (or --kubeconfig/--context) and \
        prints a table like `kubectl get`: NodePools by weight with their nodes and CPU and \
        memory in use against their limits; NodeClaims and nodes by NodePool with instance \
        type, zone, capacity type and hourly price (from the embedded Azure catalog of the \
        cluster's region). Nodes not launched by Karpenter show `-` as their NodePool.

        TYPE: nodepools (nodepool, np), nodeclaims (nodeclaim, nc), nodes (node, no); \
        TYPE/NAME works too.

        Examples:
          kubectl karpenter get nodepools
          kubectl karpenter get np -o wide
          kubectl karpenter get nodeclaims -l karpenter.sh/nodepool=default
          kubectl karpenter get nodes -o wide --context aks-prod
          kubectl karpenter get nodeclaim default-x8k2p -o yaml
          kubectl karpenter get nodes -o name

        Exit status: 0 listed (an empty list prints "No resources found" on stderr), 1 the \
        named object does not exist or the cluster cannot be read, 64 usage error.
        """
    )

    @Argument(help: "nodepools (np), nodeclaims (nc) or nodes (no), or TYPE/NAME.")
    var type: String

    @Argument(help: "Only the object with this name.")
    var name: String?

    @Option(name: [.short, .customLong("output")], help: "wide, name, json or yaml (default: a table).")
    var output: GetOutput?

    @Option(name: [.customShort("l"), .customLong("selector")], help: "Label selector for the listed objects (-l key=value,key2!=value2).")
    var selector: String?

    @Flag(name: .customLong("no-headers"), help: "Print the table without its header row.")
    var noHeaders = false

    @Option(name: .customLong("region"), help: "Azure region whose prices to use (default: the cluster's, from node labels).")
    var region: String?

    @Option(name: [.short, .customLong("namespace")],
            help: "Accepted as kubectl does; NodePools, NodeClaims and nodes are cluster-scoped.")
    var namespace: String?

    @Flag(name: [.customShort("A"), .customLong("all-namespaces")],
          help: "Accepted as kubectl does; NodePools, NodeClaims and nodes are cluster-scoped.")
    var allNamespaces = false

    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        _ = try request()
    }

    /// The view and name from `TYPE [NAME]` or `TYPE/NAME`.
    func request() throws -> GetPresentation.Request {
        let parts = type.split(separator: "/", maxSplits: 1).map(String.init)
        guard let first = parts.first, let view = GetView(argument: first) else {
            throw ValidationError("unknown resource type \"\(type)\"; use nodepools (np), nodeclaims (nc) or nodes (no)")
        }
        if parts.count == 2 && name != nil {
            throw ValidationError("there is no need to specify a resource type as a separate argument when passing arguments in resource/name form")
        }
        return GetPresentation.Request(view: view, name: parts.count == 2 ? parts[1] : name, output: output, noHeaders: noHeaders)
    }

    func run() async throws {
        let output = try await connection.withClusterSource { source, _ in
            try await self.output(from: source, now: Date())
        }
        try output.emit()
    }

    /// Everything but the connection: list, price, render. `prices` replaces the catalog's (tests).
    func output(from source: any ClusterSource, now: Date, prices: InstancePrices? = nil) async throws -> CommandOutput {
        let request = try request()
        let objects = try await source.objects(request.view.query(selector: selector))
        let (catalogRegion, warning) = ClusterCatalog.region(for: objects, override: region)
        let context = GetContext(now: now, prices: prices ?? ClusterCatalog.prices(region: catalogRegion))
        var result = GetPresentation.render(request, objects: objects, context: context)
        let showsPrices = request.output == nil || request.output == .wide
        if let warning, prices == nil, showsPrices, result.exitCode == 0, !result.stdout.isEmpty {
            result.stderr = result.stderr.isEmpty ? warning : warning + "\n" + result.stderr
        }
        return result
    }
}
