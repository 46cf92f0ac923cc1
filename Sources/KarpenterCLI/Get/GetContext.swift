import Foundation
import KarpenterAPI
import KarpenterScheduling

/// What the table builders need besides the objects: the time ages count from, and prices.
struct GetContext: Sendable {
    var now: Date
    var prices: InstancePrices

    func age(_ metadata: ObjectMeta) -> String {
        KubectlAge.since(metadata.creationTimestamp, now: now)
    }

    func price(_ offering: NodeOffering) -> String {
        prices.price(of: offering).map(PlanFormatting.price) ?? "-"
    }
}

extension JSONValue {
    /// The object as a typed model; nil (and the row falls back to its raw name) when the
    /// API server sent something the model cannot read.
    func decoded<T: Decodable>(_ type: T.Type) -> T? {
        try? decode(type)
    }

    var objectName: String { self["metadata"]?["name"]?.stringValue ?? "" }
}

extension Optional where Wrapped == String {
    /// `-` for a missing or empty cell.
    var cell: String {
        guard let self, !self.isEmpty else { return "-" }
        return self
    }
}
