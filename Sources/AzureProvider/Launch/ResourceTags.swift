import KarpenterAPI

/// Tags on every VM and NIC (LABELS.md §7): additional tags < NodeClass tags < Karpenter's own;
/// `/` in keys becomes `_` (Azure tag names cannot hold it).
enum ResourceTags {
    static let cluster = "karpenter.azure.com_cluster"
    static let nodePool = "karpenter.sh_nodepool"
    static let nodeClaim = "karpenter.azure.com_nodeclaim"
    static let billing = "compute.aks.billing"

    static func forLaunch(configuration: AzureConfiguration, nodeClass: AKSNodeClass?, nodeClaim: NodeClaim) -> [String: String] {
        var tags: [String: String] = [:]
        for (key, value) in configuration.additionalTags { tags[sanitized(key)] = value }
        for (key, value) in nodeClass?.spec?.tags ?? [:] { tags[sanitized(key)] = value }
        tags[cluster] = configuration.clusterName
        tags[billing] = "linux"
        tags[nodePool] = nodeClaim.metadata.labels?["karpenter.sh/nodepool"] ?? ""
        tags[Self.nodeClaim] = nodeClaim.metadata.name ?? ""
        return tags
    }

    static func sanitized(_ key: String) -> String { key.replacingOccurrences(of: "/", with: "_") }

    static func json(_ tags: [String: String]) -> JSONValue {
        .object(.init(uniqueKeysWithValues: tags.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.string($0.value)) }))
    }
}
