import KarpenterAPI

/// Where NodePools get their instance types from: a cloud catalog that shapes types by the
/// NodePool's AKSNodeClass, or a fixed user catalog that every NodePool shares.
public struct InstanceTypeSource: Sendable {
    /// For people: `embedded Azure catalog (eastus)`, `catalog types.yaml`.
    public var description: String
    /// Label keys the source guarantees on its types (well-known for the scheduler).
    public var wellKnownLabels: LabelKeySet
    /// The node-class kind the source serves (`AKSNodeClass`); nil accepts any kind, as a
    /// user catalog does not depend on the node class.
    public var nodeClassKind: String?
    private let resolve: @Sendable (AKSNodeClass?) throws -> [InstanceType]

    public init(description: String, wellKnownLabels: LabelKeySet, nodeClassKind: String?,
                resolve: @escaping @Sendable (AKSNodeClass?) throws -> [InstanceType]) {
        self.description = description
        self.wellKnownLabels = wellKnownLabels
        self.nodeClassKind = nodeClassKind
        self.resolve = resolve
    }

    /// The same types for every NodePool, whatever its node class (a user catalog).
    public static func fixed(_ types: [InstanceType], description: String) -> InstanceTypeSource {
        var keys = SchedulingLabel.core
        for type in types {
            for requirement in type.requirements { keys.insert(requirement.key.name) }
        }
        return InstanceTypeSource(description: description, wellKnownLabels: keys, nodeClassKind: nil) { _ in types }
    }

    public func instanceTypes(for nodeClass: AKSNodeClass?) throws -> [InstanceType] {
        try resolve(nodeClass)
    }
}
