/// Reads the compact text the generator writes (`Scripts/generate-azure-catalog.py`):
/// a `region|<name>` line, a `columns|name|size|family|zones|<capabilities…>|onDemand|spot`
/// header, then one `|`-separated row per SKU (empty = absent).
struct EmbeddedCatalogText {
    let region: String
    let skus: [AzureSKU]
    let prices: AzurePriceTable

    init(_ text: String) {
        var region = ""
        var columns: [String] = []
        var skus: [AzureSKU] = []
        var onDemand: [String: Double] = [:]
        var spot: [String: Double] = [:]
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            switch fields.first {
            case "region": region = fields.count > 1 ? fields[1] : ""
            case "columns": columns = Array(fields.dropFirst())
            default:
                guard fields.count == columns.count else { continue }
                var capabilities: [String: String] = [:]
                for index in 4..<(columns.count - 2) where !fields[index].isEmpty {
                    capabilities[columns[index]] = fields[index]
                }
                let name = fields[0]
                let zones = fields[3].split(separator: " ").map(String.init)
                skus.append(AzureSKU(name: name, size: fields[1].isEmpty ? nil : fields[1], family: fields[2],
                                     locationInfo: [.init(location: region, zones: zones)],
                                     capabilities: capabilities))
                if let price = Double(fields[columns.count - 2]) { onDemand[name] = price }
                if let price = Double(fields[columns.count - 1]) { spot[name] = price }
            }
        }
        self.region = region
        self.skus = skus
        prices = AzurePriceTable(onDemand: onDemand, spot: spot)
    }
}
