import KarpenterAPI
import KarpenterAzure
import KarpenterScheduling

/// Label values that some embedded Azure instance type really has, for `validate`'s
/// "no instance type has sku-family X" warnings. Zones are left out (they depend on the
/// region). Derived only when a manifest uses one of these keys with `In`, so validating
/// files without them stays fast.
enum CatalogKnownValues {
    static func isCatalogKey(_ key: String) -> Bool {
        key.hasPrefix(KarpenterAPIGroup.azure + "/") || key == SchedulingLabel.instanceType
            || key == "beta.kubernetes.io/instance-type"
    }

    /// `.azureDefaults`, plus the catalog's values when the documents need them.
    static func forDocuments(_ documents: [ManifestDocument]) -> KnownLabelValues {
        documents.contains { usesCatalogKey($0.value) } ? .azureDefaults.merging(catalogValues) : .azureDefaults
    }

    /// Every value of the catalog keys over all embedded regions and node-class shapes that
    /// change which SKUs are offered (GPU driver modes, image families). Computed once.
    static let catalogValues: [String: Set<String>] = {
        var values: [String: Set<String>] = [:]
        let shapes = [
            AzureNodeClassParameters(),
            AzureNodeClassParameters(gpuMode: .none),
            AzureNodeClassParameters(imageFamily: "AzureLinux", gpuMode: .none),
        ]
        for region in AzureCatalog.regions {
            for shape in shapes {
                for type in (try? AzureCatalog.embedded(region: region, nodeClass: shape)) ?? [] {
                    for requirement in type.requirements where !requirement.isComplement && isCatalogKey(requirement.key.name) {
                        values[requirement.key.name, default: []].formUnion(requirement.valueStrings)
                    }
                }
            }
        }
        return values
    }()

    private static func usesCatalogKey(_ value: JSONValue) -> Bool {
        switch value {
        case .object(let fields):
            if let key = fields["key"]?.stringValue, fields["operator"]?.stringValue == "In", isCatalogKey(key) { return true }
            return fields.values.contains { usesCatalogKey($0) }
        case .array(let items):
            return items.contains { usesCatalogKey($0) }
        default:
            return false
        }
    }
}
