import KarpenterAPI
import KarpenterScheduling

/// `kubectl karpenter get nodeclaims`: the upstream printer columns plus price, by NodePool.
enum NodeClaimTable {
    static let columns: [GetTable.Column] = [
        .init(header: "NAME"), .init(header: "TYPE"), .init(header: "CAPACITY"), .init(header: "ZONE"),
        .init(header: "NODE"), .init(header: "READY"), .init(header: "PRICE/HR"), .init(header: "AGE"),
        .init(header: "NODEPOOL", wide: true), .init(header: "PROVIDER-ID", wide: true),
        .init(header: "CPU", wide: true), .init(header: "MEMORY", wide: true), .init(header: "CONDITIONS", wide: true),
    ]

    static func build(_ objects: ClusterObjects, context: GetContext) -> GetTable {
        let rows = objects.nodeClaims.map { value -> (nodePool: String, row: GetTable.Row) in
            let claim = value.decoded(NodeClaim.self) ?? NodeClaim(metadata: ObjectMeta(name: value.objectName))
            let offering = NodeOffering(labels: claim.metadata.labels ?? [:])
            let capacity = claim.status?.capacity.map { ResourceVector(quantities: $0) }
            let cells = [
                claim.metadata.name.cell, offering.instanceType.cell, offering.capacityType.cell, offering.zone.cell,
                claim.status?.nodeName.cell ?? "-", ConditionCells.ready(claim.status?.conditions),
                context.price(offering), context.age(claim.metadata),
                offering.nodePool.cell, claim.status?.providerID.cell ?? "-",
                capacity.map { ResourceAmounts.cpu($0.cpuMillis) } ?? "-",
                capacity.map { ResourceAmounts.memory($0.memoryBytes) } ?? "-",
                ConditionCells.notable(claim.status?.conditions),
            ]
            return (offering.nodePool ?? "", GetTable.Row(name: value.objectName, object: value, cells: cells))
        }
        let sorted = rows.sorted { ($0.nodePool, $0.row.name) < ($1.nodePool, $1.row.name) }
        return GetTable(columns: columns, rows: sorted.map(\.row))
    }
}
