import KarpenterAPI
import KarpenterScheduling

/// What `kubectl karpenter get` prints for a request and the objects listed for it. Pure.
enum GetPresentation {
    struct Request: Sendable {
        var view: GetView
        /// Only this object (`get nodepool default`).
        var name: String?
        var output: GetOutput?
        var noHeaders = false
    }

    static func render(_ request: Request, objects: ClusterObjects, context: GetContext) -> CommandOutput {
        var table = build(request.view, objects: objects, context: context)
        if let name = request.name {
            table.rows = table.rows.filter { $0.name == name }
            if table.rows.isEmpty {
                return .failure("Error from server (NotFound): \(request.view.qualifiedResource) \"\(name)\" not found")
            }
        }
        switch request.output {
        case .name:
            return CommandOutput(stdout: KubectlListOutput.names(table.rows, prefix: request.view.namePrefix))
        case .json:
            return CommandOutput(stdout: request.name != nil
                ? KubectlListOutput.json(object: table.rows[0].object) : KubectlListOutput.json(table.rows))
        case .yaml:
            return CommandOutput(stdout: request.name != nil
                ? KubectlListOutput.yaml(object: table.rows[0].object) : KubectlListOutput.yaml(table.rows))
        case .wide, nil:
            // kubectl's wording for an empty cluster-scoped listing, on stderr, exit 0.
            guard !table.rows.isEmpty else { return CommandOutput(stderr: "No resources found") }
            let (headers, rows) = table.visible(wide: request.output == .wide)
            return CommandOutput(stdout: KubectlTableText.render(headers: request.noHeaders ? nil : headers, rows: rows))
        }
    }

    static func build(_ view: GetView, objects: ClusterObjects, context: GetContext) -> GetTable {
        switch view {
        case .nodePools: return NodePoolTable.build(objects, context: context)
        case .nodeClaims: return NodeClaimTable.build(objects, context: context)
        case .nodes: return NodeTable.build(objects, context: context)
        }
    }
}
