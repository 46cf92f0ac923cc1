/// USD-per-hour prices for one region, keyed by ARM SKU name (INSTANCETYPES.md §4.2).
public struct AzurePriceTable: Sendable, Hashable {
    /// Price used when a SKU has no price or is not in known_skus: offered, but last in line.
    public static let missingPrice = 999.0

    public var onDemand: [String: Double]
    public var spot: [String: Double]

    /// Spot prices fall back to on-demand prices for SKUs without one, as upstream does
    /// until its first live refresh (the spot map starts as a copy of the on-demand map).
    public init(onDemand: [String: Double], spot: [String: Double] = [:]) {
        self.onDemand = onDemand
        self.spot = onDemand.merging(spot) { _, spotPrice in spotPrice }
    }

    public static let empty = AzurePriceTable(onDemand: [:])

    public func onDemandPrice(_ sku: String) -> Double? { onDemand[sku] }
    public func spotPrice(_ sku: String) -> Double? { spot[sku] }

    /// Parses `armSkuName,<price>` CSV text (header line optional; `priceColumn` picks the
    /// column by header name, default the second column).
    public static func parseCSV(_ text: String, priceColumn: String? = nil) -> [String: Double] {
        var result: [String: Double] = [:]
        var column = 1
        for (index, line) in text.split(whereSeparator: \.isNewline).enumerated() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if index == 0 && fields.first == "armSkuName" {
                if let priceColumn, let found = fields.firstIndex(of: priceColumn) { column = found }
                continue
            }
            guard fields.count > column, let price = Double(fields[column]) else { continue }
            result[fields[0]] = price
        }
        return result
    }
}
