import KarpenterScheduling

public enum AzureCatalogError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownRegion(String, available: [String])

    public var description: String {
        switch self {
        case .unknownRegion(let region, let available):
            return "no embedded Azure catalog for region \"\(region)\" (available: \(available.joined(separator: ", ")))"
        }
    }
}

/// Built-in SKU and price data, so simulation works without an Azure account.
public enum AzureCatalog {
    /// Regions with an embedded catalog.
    public static let regions: [String] = ["eastus"]

    /// Parsed once on first use.
    private static let eastUS = EmbeddedCatalogText(embeddedCatalogEastUSText)

    /// Raw SKUs and prices for `region`.
    public static func embeddedData(region: String) throws(AzureCatalogError) -> (skus: [AzureSKU], prices: AzurePriceTable) {
        switch region.lowercased() {
        case "eastus": return (eastUS.skus, eastUS.prices)
        default: throw .unknownRegion(region, available: regions)
        }
    }

    /// Instance types derived from the embedded data, through the same provider code that
    /// handles live SKU data. `options.region` is replaced by `region`.
    public static func embedded(region: String, options: AzureOperatorOptions? = nil,
                                nodeClass: AzureNodeClassParameters = .init(),
                                availability: OfferingAvailability = .unrestricted) throws(AzureCatalogError) -> [InstanceType] {
        let data = try embeddedData(region: region)
        var resolved = options ?? AzureOperatorOptions(region: region)
        resolved.region = region.lowercased()
        return AzureInstanceTypeProvider(options: resolved, prices: data.prices)
            .instanceTypes(from: data.skus, nodeClass: nodeClass, availability: availability)
    }
}
