import KarpenterAPI
import KarpenterAzure
import KarpenterCloud
import KarpenterScheduling
import NIOConcurrencyHelpers

/// Where the controller's instance types come from: the cloud's catalog, shaped per
/// AKSNodeClass, or a fixed list (an InstanceTypeCatalog file, tests).
public struct CloudInstanceTypes: Sendable {
    public var description: String
    public var wellKnownLabels: LabelKeySet
    /// The node-class kind served; nil when every NodePool gets the same types.
    public var nodeClassKind: String?
    public var resolve: @Sendable (AKSNodeClass?) throws -> [InstanceType]

    public init(description: String, wellKnownLabels: LabelKeySet, nodeClassKind: String?,
                resolve: @escaping @Sendable (AKSNodeClass?) throws -> [InstanceType]) {
        self.description = description
        self.wellKnownLabels = wellKnownLabels
        self.nodeClassKind = nodeClassKind
        self.resolve = resolve
    }

    public static func fixed(_ types: [InstanceType], description: String) -> CloudInstanceTypes {
        let source = InstanceTypeSource.fixed(types, description: description)
        return CloudInstanceTypes(description: description, wellKnownLabels: source.wellKnownLabels, nodeClassKind: nil) { _ in types }
    }

    /// The embedded Azure catalog of `region`, derived once per node-class shape.
    public static func azureEmbedded(region: String, options: AzureOperatorOptions? = nil) throws -> CloudInstanceTypes {
        _ = try AzureCatalog.embeddedData(region: region)
        let cache = NIOLockedValueBox<[AzureNodeClassParameters: [InstanceType]]>([:])
        return CloudInstanceTypes(description: "embedded Azure catalog (\(region.lowercased()))",
                                  wellKnownLabels: AzureLabels.wellKnown, nodeClassKind: KarpenterKind.aksNodeClass) { nodeClass in
            let parameters = NodeClassParameters.of(nodeClass)
            if let cached = cache.withLockedValue({ $0[parameters] }) { return cached }
            let types = try AzureCatalog.embedded(region: region, options: options, nodeClass: parameters)
            cache.withLockedValue { $0[parameters] = types }
            return types
        }
    }

    /// The scheduler's view: the same types with the offerings that recently failed marked unavailable.
    func source(applying unavailable: UnavailableOfferings) -> InstanceTypeSource {
        let resolve = self.resolve
        return InstanceTypeSource(description: description, wellKnownLabels: wellKnownLabels, nodeClassKind: nodeClassKind) {
            unavailable.applied(to: try resolve($0))
        }
    }
}

/// The AKSNodeClass fields that shape Azure instance types (the CLI's mapping, INSTANCETYPES.md §2.1).
enum NodeClassParameters {
    static func of(_ nodeClass: AKSNodeClass?) -> AzureNodeClassParameters {
        guard let spec = nodeClass?.spec else { return AzureNodeClassParameters() }
        let localDNS = nodeClass?.status?.localDNSState == .enabled || spec.localDNS?.mode == .required
        return AzureNodeClassParameters(
            imageFamily: spec.imageFamily?.rawValue ?? "Ubuntu",
            osDiskSizeGB: Int64(spec.osDiskSizeGB ?? 128),
            maxPods: spec.maxPods.map(Int64.init),
            encryptionAtHost: spec.security?.encryptionAtHost ?? false,
            localDNSEnabled: localDNS,
            gpuMode: spec.gpu?.mode == .noDriver ? .none : .driver,
            artifactStreamingEnabled: spec.artifactStreaming?.enabled == true,
            trustedLaunch: spec.security?.trustedLaunch?.isOn ?? false,
            fipsMode: spec.fipsMode == .fips)
    }
}
