/// SKU names in upstream `known_skus.yaml`. SKUs outside it are still offered but priced at
/// `AzurePriceTable.missingPrice` (INSTANCETYPES.md §1, §4).
public struct KnownSKUs: Sendable {
    public let names: Set<String>

    public init(names: Set<String>) { self.names = names }

    public static let upstream = KnownSKUs(
        names: Set(knownSKUNamesText.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)))

    public func contains(_ name: String) -> Bool { names.contains(name) }
}
