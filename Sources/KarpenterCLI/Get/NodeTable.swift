import KarpenterAPI
import KarpenterScheduling

/// `kubectl karpenter get nodes`: every node, Karpenter's or not, with what its pods request
/// against what it can hold and what it costs.
enum NodeTable {
    static let columns: [GetTable.Column] = [
        .init(header: "NAME"), .init(header: "NODEPOOL"), .init(header: "TYPE"), .init(header: "ZONE"),
        .init(header: "CAPACITY"), .init(header: "CPU"), .init(header: "MEMORY"), .init(header: "PODS"),
        .init(header: "PRICE/HR"), .init(header: "READY"), .init(header: "AGE"),
        .init(header: "NODECLAIM", wide: true), .init(header: "VERSION", wide: true),
        .init(header: "INTERNAL-IP", wide: true), .init(header: "TAINTS", wide: true),
    ]

    static func build(_ objects: ClusterObjects, context: GetContext) -> GetTable {
        let requests = requestsByNode(objects.pods)
        let claims = objects.nodeClaims.compactMap { $0.decoded(NodeClaim.self) }
        let rows = objects.nodes.map { value -> (nodePool: String, row: GetTable.Row) in
            let node = value.decoded(Node.self) ?? Node(metadata: ObjectMeta(name: value.objectName))
            let name = node.metadata.name ?? value.objectName
            let offering = NodeOffering(labels: node.metadata.labels ?? [:])
            let allocatable = ResourceVector(quantities: node.status?.allocatable ?? [:])
            let requested = requests[name] ?? .zero
            let cells = [
                name, offering.nodePool.cell, offering.instanceType.cell, offering.zone.cell, offering.capacityType.cell,
                ResourceAmounts.cpuUsage(requested.cpuMillis, of: allocatable.cpuMillis),
                ResourceAmounts.usage(ResourceAmounts.memory(requested.memoryBytes), ResourceAmounts.memory(allocatable.memoryBytes),
                                      ratio: requested.memoryBytes, of: allocatable.memoryBytes),
                "\(requested.pods)/\(allocatable.pods)",
                context.price(offering), ready(node), context.age(node.metadata),
                nodeClaim(of: node, in: claims).cell, node.status?.nodeInfo?.kubeletVersion.cell ?? "-",
                internalIP(value).cell, String(node.spec.taints?.count ?? 0),
            ]
            return (offering.nodePool ?? "", GetTable.Row(name: name, object: value, cells: cells))
        }
        let sorted = rows.sorted { ($0.nodePool, $0.row.name) < ($1.nodePool, $1.row.name) }
        return GetTable(columns: columns, rows: sorted.map(\.row))
    }

    /// Requests of the pods bound to each node that have not finished (`kubectl describe
    /// node`'s non-terminated pods), with the scheduler's effective-request rules.
    static func requestsByNode(_ pods: [JSONValue]) -> [String: ResourceVector] {
        var result: [String: ResourceVector] = [:]
        for value in pods {
            guard let pod = value.decoded(Pod.self), let node = pod.spec.nodeName, !node.isEmpty,
                  !PodEligibility.isTerminal(pod) else { continue }
            result[node] = (result[node] ?? .zero) + PodRequests.of(pod)
        }
        return result
    }

    /// `True`, `False`, `Unknown`, with `,SchedulingDisabled` for a cordoned node.
    static func ready(_ node: Node) -> String {
        let status = node.status?.condition(ConditionType.ready)?.status ?? ConditionStatus.unknown.rawValue
        return node.spec.unschedulable == true ? status + ",SchedulingDisabled" : status
    }

    /// The NodeClaim that launched the node, matched as Karpenter does: by node name, else provider ID.
    static func nodeClaim(of node: Node, in claims: [NodeClaim]) -> String? {
        let name = node.metadata.name
        let match = claims.first { $0.status?.nodeName != nil && $0.status?.nodeName == name }
            ?? claims.first { $0.status?.providerID != nil && $0.status?.providerID == node.spec.providerID }
        return match?.metadata.name
    }

    static func internalIP(_ node: JSONValue) -> String? {
        node["status"]?["addresses"]?.arrayValue?.first { $0["type"]?.stringValue == "InternalIP" }?["address"]?.stringValue
    }
}
