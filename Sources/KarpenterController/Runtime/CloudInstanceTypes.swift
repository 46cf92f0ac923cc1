import KarpenterAPI
import KarpenterAzure
import KarpenterCloud
import KarpenterScheduling

/// Where the controller's instance types come from: the cloud's catalog, shaped per
/// AKSNodeClass, or a fixed list (an InstanceTypeCatalog file, tests).
public struct CloudInstanceTypes: Sendable {
    public let base: InstanceTypeSource

    public init(_ base: InstanceTypeSource) {
        self.base = base
    }

    public var description: String { base.description }
    public var wellKnownLabels: LabelKeySet { base.wellKnownLabels }
    /// The node-class kind served; nil when every NodePool gets the same types.
    public var nodeClassKind: String? { base.nodeClassKind }

    public func resolve(_ nodeClass: AKSNodeClass?) throws -> [InstanceType] {
        try base.instanceTypes(for: nodeClass)
    }

    public static func fixed(_ types: [InstanceType], description: String) -> CloudInstanceTypes {
        CloudInstanceTypes(.fixed(types, description: description))
    }

    /// The embedded Azure catalog of `region`, derived once per node-class shape.
    public static func azureEmbedded(region: String, options: AzureOperatorOptions? = nil) throws -> CloudInstanceTypes {
        CloudInstanceTypes(try AzureCatalog.instanceTypeSource(region: region, options: options))
    }

    /// The scheduler's view: the same types with the offerings that recently failed marked unavailable.
    func source(applying unavailable: UnavailableOfferings) -> InstanceTypeSource {
        let base = self.base
        return InstanceTypeSource(description: base.description, wellKnownLabels: base.wellKnownLabels,
                                  nodeClassKind: base.nodeClassKind) {
            unavailable.applied(to: try base.instanceTypes(for: $0))
        }
    }
}
