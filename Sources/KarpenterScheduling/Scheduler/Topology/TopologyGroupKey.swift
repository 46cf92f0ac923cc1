import KarpenterAPI

/// Identity of a topology group: pods declaring identical constraints share one group.
struct TopologyGroupKey: Hashable {
    var kind: String
    var key: String
    var namespaces: [String]?
    var selector: LabelSelector?
    var maxSkew: Int
    var minDomains: Int?
    var filter: TopologyNodeFilter
    var isInverse: Bool
}
