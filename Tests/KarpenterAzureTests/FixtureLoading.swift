import Foundation
import XCTest
@testable import KarpenterAzure

enum Fixtures {
    static func data(_ name: String, _ ext: String) throws -> Data {
        let url = try XCTUnwrap(Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Fixtures"),
                                "missing fixture \(name).\(ext)")
        return try Data(contentsOf: url)
    }

    static func skus(_ region: String) throws -> AzureSKUDocument {
        try JSONDecoder().decode(AzureSKUDocument.self, from: data("skus_\(region)", "json"))
    }

    static func onDemandPrices(_ region: String) throws -> [String: Double] {
        AzurePriceTable.parseCSV(String(decoding: try data("pricing_ondemand_\(region)", "csv"), as: UTF8.self))
    }

    /// The oracle entries, as loosely typed JSON objects.
    static func derived(_ region: String) throws -> [[String: Any]] {
        let object = try JSONSerialization.jsonObject(with: data("instancetypes_derived_\(region)", "json"))
        return try XCTUnwrap(object as? [[String: Any]])
    }
}
