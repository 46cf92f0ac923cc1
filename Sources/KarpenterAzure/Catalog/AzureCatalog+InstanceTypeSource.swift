import Foundation
import KarpenterAPI
import KarpenterScheduling

extension AzureCatalog {
    /// The embedded catalog of `region` as the scheduler's instance-type source: types derived
    /// per AKSNodeClass shape (once each, then cached), Azure's well-known labels. What
    /// `simulate`, `explain` and the controller all use.
    public static func instanceTypeSource(region: String, options: AzureOperatorOptions? = nil) throws(AzureCatalogError) -> InstanceTypeSource {
        _ = try embeddedData(region: region)
        let cache = DerivedTypesCache()
        return InstanceTypeSource(description: "embedded Azure catalog (\(region.lowercased()))",
                                  wellKnownLabels: AzureLabels.wellKnown, nodeClassKind: KarpenterKind.aksNodeClass) { nodeClass in
            let parameters = AzureNodeClassParameters(nodeClass: nodeClass)
            return try cache.types(for: parameters) { try embedded(region: region, options: options, nodeClass: parameters) }
        }
    }
}

/// Instance types already derived, per node-class shape.
private final class DerivedTypesCache: @unchecked Sendable {
    private var types: [AzureNodeClassParameters: [InstanceType]] = [:]
    private let lock = NSLock()

    func types(for parameters: AzureNodeClassParameters, make: () throws -> [InstanceType]) throws -> [InstanceType] {
        lock.lock()
        defer { lock.unlock() }
        if let cached = types[parameters] { return cached }
        let made = try make()
        types[parameters] = made
        return made
    }
}
