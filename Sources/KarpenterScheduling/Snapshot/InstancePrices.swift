/// Hourly prices by instance type, zone and capacity type, from instance-type offerings:
/// what a running node costs, as the scheduler prices the same offering.
public struct InstancePrices: Sendable {
    private var offerings: [OfferingKey: Double] = [:]
    /// The cheapest zone per (type, capacity type), for nodes whose zone is not offered.
    private var anyZone: [OfferingKey: Double] = [:]

    private struct OfferingKey: Hashable {
        var instanceType: String
        var zone: String
        var capacityType: String
    }

    public static let none = InstancePrices([])

    /// - Parameter unknownPrice: a catalog's stand-in for "no price known", left out.
    public init(_ types: [InstanceType], unknownPrice: Double? = nil) {
        for type in types {
            for offering in type.offerings where offering.price != unknownPrice {
                let key = OfferingKey(instanceType: type.name, zone: offering.zone, capacityType: offering.capacityType)
                offerings[key] = min(offerings[key] ?? .infinity, offering.price)
                let regional = OfferingKey(instanceType: type.name, zone: "", capacityType: offering.capacityType)
                anyZone[regional] = min(anyZone[regional] ?? .infinity, offering.price)
            }
        }
    }

    /// Nil when the type or capacity type is unknown; a zone the catalog does not list
    /// falls back to the type's cheapest zone (Azure prices do not vary by zone).
    public func price(instanceType: String, zone: String?, capacityType: String) -> Double? {
        if let zone, let price = offerings[OfferingKey(instanceType: instanceType, zone: zone, capacityType: capacityType)] {
            return price
        }
        return anyZone[OfferingKey(instanceType: instanceType, zone: "", capacityType: capacityType)]
    }

    /// The price of a node or NodeClaim from its well-known labels.
    public func price(of offering: NodeOffering) -> Double? {
        guard let type = offering.instanceType, let capacityType = offering.capacityType else { return nil }
        return price(instanceType: type, zone: offering.zone, capacityType: capacityType)
    }
}
