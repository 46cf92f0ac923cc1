import KarpenterAPI
import KarpenterScheduling

/// `kubectl karpenter get nodepools`: each NodePool's nodes and usage against its limits,
/// heaviest weight first (the order the scheduler tries them).
enum NodePoolTable {
    static let columns: [GetTable.Column] = [
        .init(header: "NAME"), .init(header: "NODECLASS"), .init(header: "NODES"), .init(header: "CPU"),
        .init(header: "MEMORY"), .init(header: "WEIGHT"), .init(header: "READY"), .init(header: "AGE"),
        .init(header: "DISRUPTION", wide: true), .init(header: "BUDGETS", wide: true),
        .init(header: "EXPIRE-AFTER", wide: true), .init(header: "COST/HR", wide: true),
    ]

    /// The API server's default `expireAfter`.
    static let defaultExpireAfter = "720h"

    static func build(_ objects: ClusterObjects, context: GetContext) -> GetTable {
        let claims = objects.nodeClaims.compactMap { $0.decoded(NodeClaim.self) }
        let rows: [(weight: Int, row: GetTable.Row)] = objects.nodePools.map { value in
            let pool = value.decoded(NodePool.self) ?? NodePool(metadata: ObjectMeta(name: value.objectName))
            let name = pool.metadata.name ?? value.objectName
            let owned = claims.filter { $0.metadata.labels?[SchedulingLabel.nodePool] == name }
            let row = GetTable.Row(name: name, object: value, cells: cells(pool, name: name, claims: owned, context: context))
            return (pool.spec.weight ?? 0, row)
        }
        let sorted = rows.sorted { $0.weight != $1.weight ? $0.weight > $1.weight : $0.row.name < $1.row.name }
        return GetTable(columns: columns, rows: sorted.map(\.row))
    }

    static func cells(_ pool: NodePool, name: String, claims: [NodeClaim], context: GetContext) -> [String] {
        let usage = Usage(pool, claims: claims)
        let spec = pool.spec.template.spec
        return [
            name, spec.nodeClassRef.map(\.name) ?? "-", String(usage.nodes),
            limited(ResourceVector.cpu, used: usage.resources.cpuMillis, pool: pool, format: ResourceAmounts.cpu),
            limited(ResourceVector.memory, used: usage.resources.memoryBytes, pool: pool, format: { $0.map(ResourceAmounts.memory) }),
            pool.spec.weight.map(String.init) ?? "-", ConditionCells.ready(pool.status?.conditions), context.age(pool.metadata),
            disruption(pool.spec.disruption), budgets(pool.spec.disruption),
            spec.expireAfter ?? defaultExpireAfter, cost(claims, context: context),
        ]
    }

    /// `12/100 (12%)` against `spec.limits`, `12/-` without a limit.
    static func limited(_ resource: String, used: Int64, pool: NodePool, format: ([Int64]) -> [String]) -> String {
        guard let quantity = pool.spec.limits?[resource] else { return "\(format([used])[0])/-" }
        let limit = ResourceVector(quantities: [resource: quantity])[resource]
        let texts = format([used, limit])
        return ResourceAmounts.usage(texts[0], texts[1], ratio: used, of: limit)
    }

    /// What the NodePool holds: its status as the controller counted it, else its NodeClaims' capacity.
    struct Usage {
        var nodes: Int64
        var resources: ResourceVector

        init(_ pool: NodePool, claims: [NodeClaim]) {
            if let counted = pool.status?.resources, !counted.isEmpty {
                resources = ResourceVector(quantities: counted)
                nodes = counted["nodes"]?.value ?? pool.status?.nodes ?? Int64(claims.count)
            } else {
                resources = claims.reduce(.zero) { $0 + ResourceVector(quantities: $1.status?.capacity ?? [:]) }
                nodes = pool.status?.nodes ?? Int64(claims.count)
            }
        }
    }

    /// `WhenEmptyOrUnderutilized/30s`: the policy and how long a node must qualify first.
    static func disruption(_ disruption: Disruption) -> String {
        "\(disruption.effectiveConsolidationPolicy.rawValue)/\(disruption.consolidateAfter ?? "0s")"
    }

    /// `10%; 0 (Drifted) at 0 9 * * 1-5 for 8h`.
    static func budgets(_ disruption: Disruption) -> String {
        disruption.effectiveBudgets.map { budget in
            var text = budget.nodes
            if let reasons = budget.reasons, !reasons.isEmpty { text += " (\(reasons.map(\.rawValue).joined(separator: ",")))" }
            if let schedule = budget.schedule { text += " at \(schedule)" + (budget.duration.map { " for \($0)" } ?? "") }
            return text
        }.joined(separator: "; ")
    }

    /// The hourly price of the NodePool's launched NodeClaims; `-` when none has a known price.
    static func cost(_ claims: [NodeClaim], context: GetContext) -> String {
        guard !claims.isEmpty else { return PlanFormatting.price(0) }
        let prices = claims.compactMap { context.prices.price(of: NodeOffering(labels: $0.metadata.labels ?? [:])) }
        return prices.isEmpty ? "-" : PlanFormatting.price(prices.reduce(0, +))
    }
}
