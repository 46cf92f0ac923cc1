/// `karpenter.sh/v1` reference from a NodePool or NodeClaim to its node class.
public struct NodeClassReference: Codable, Hashable, Sendable {
    public var group: String
    public var kind: String
    public var name: String

    public init(group: String = KarpenterAPIGroup.azure, kind: String = KarpenterKind.aksNodeClass, name: String) {
        self.group = group
        self.kind = kind
        self.name = name
    }
}
