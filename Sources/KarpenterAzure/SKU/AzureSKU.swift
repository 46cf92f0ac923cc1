/// One Azure resource SKU as the Compute "resourceSkus" API returns it (LABELS.md §1).
/// Decodes both the ARM layout (`capabilities: [{name, value}]`, `locationInfo: [...]`) and
/// the fixture layout (`capabilities: {name: value}`, `locationInfo: {...}`).
public struct AzureSKU: Sendable, Hashable, Decodable {
    public var name: String
    /// Name without the tier prefix, e.g. `D2s_v3`.
    public var size: String
    /// Quota family, e.g. `standardDSv3Family`.
    public var family: String
    public var resourceType: String
    public var locationInfo: [LocationInfo]
    public var restrictions: [Restriction]
    /// Raw capability strings (`"True"`, `"V1,V2"`, `"218.75"`).
    public var capabilities: [String: String]

    public struct LocationInfo: Sendable, Hashable, Decodable {
        public var location: String
        public var zones: [String]
        public var zoneDetails: [ZoneDetail]

        public init(location: String, zones: [String], zoneDetails: [ZoneDetail] = []) {
            self.location = location
            self.zones = zones
            self.zoneDetails = zoneDetails
        }

        enum CodingKeys: String, CodingKey { case location, zones, zoneDetails }

        public init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            location = try container.decode(String.self, forKey: .location)
            zones = try container.decodeIfPresent([String].self, forKey: .zones) ?? []
            zoneDetails = try container.decodeIfPresent([ZoneDetail].self, forKey: .zoneDetails) ?? []
        }
    }

    /// Capabilities that hold only in some zones (e.g. `UltraSSDAvailable`).
    public struct ZoneDetail: Sendable, Hashable, Decodable {
        public var zones: [String]
        public var capabilities: [String: String]

        public init(zones: [String], capabilities: [String: String]) {
            self.zones = zones
            self.capabilities = capabilities
        }

        enum CodingKeys: String, CodingKey { case name, Name, zones, capabilities }

        public init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            zones = try container.decodeIfPresent([String].self, forKey: .name)
                ?? container.decodeIfPresent([String].self, forKey: .Name)
                ?? container.decodeIfPresent([String].self, forKey: .zones) ?? []
            capabilities = try AzureSKU.decodeCapabilities(container, .capabilities)
        }
    }

    /// `type` is `Location` (SKU unusable in the listed locations) or `Zone`.
    public struct Restriction: Sendable, Hashable, Decodable {
        public var type: String
        public var values: [String]
        public var locations: [String]
        public var zones: [String]
        public var reasonCode: String?

        public init(type: String, values: [String], locations: [String] = [], zones: [String] = [], reasonCode: String? = nil) {
            self.type = type
            self.values = values
            self.locations = locations
            self.zones = zones
            self.reasonCode = reasonCode
        }

        enum CodingKeys: String, CodingKey { case type, values, restrictionInfo, reasonCode }
        enum InfoKeys: String, CodingKey { case locations, zones }

        public init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            type = try container.decodeIfPresent(String.self, forKey: .type) ?? ""
            values = try container.decodeIfPresent([String].self, forKey: .values) ?? []
            reasonCode = try container.decodeIfPresent(String.self, forKey: .reasonCode)
            if container.contains(.restrictionInfo) {
                let info = try container.nestedContainer(keyedBy: InfoKeys.self, forKey: .restrictionInfo)
                locations = try info.decodeIfPresent([String].self, forKey: .locations) ?? []
                zones = try info.decodeIfPresent([String].self, forKey: .zones) ?? []
            } else {
                locations = []
                zones = []
            }
        }
    }

    public init(name: String, size: String? = nil, family: String, resourceType: String = "virtualMachines",
                locationInfo: [LocationInfo], restrictions: [Restriction] = [], capabilities: [String: String]) {
        self.name = name
        self.size = size ?? AzureSKU.sizeFromName(name)
        self.family = family
        self.resourceType = resourceType
        self.locationInfo = locationInfo
        self.restrictions = restrictions
        self.capabilities = capabilities
    }

    enum CodingKeys: String, CodingKey {
        case name, size, family, resourceType, locationInfo, restrictions, capabilities
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        size = try container.decodeIfPresent(String.self, forKey: .size) ?? AzureSKU.sizeFromName(name)
        family = try container.decodeIfPresent(String.self, forKey: .family) ?? ""
        resourceType = try container.decodeIfPresent(String.self, forKey: .resourceType) ?? ""
        if let list = try? container.decodeIfPresent([LocationInfo].self, forKey: .locationInfo) {
            locationInfo = list
        } else if let single = try container.decodeIfPresent(LocationInfo.self, forKey: .locationInfo) {
            locationInfo = [single]
        } else {
            locationInfo = []
        }
        // ARM always sends an array; the westcentralus fixture carries a Go source string here
        // instead, which the oracle treats as "no restrictions", so anything else is ignored.
        restrictions = (try? container.decodeIfPresent([Restriction].self, forKey: .restrictions)) ?? []
        capabilities = try AzureSKU.decodeCapabilities(container, .capabilities)
    }

    private struct NamedValue: Decodable {
        var name: String
        var value: String
    }

    static func decodeCapabilities<K: CodingKey>(_ container: KeyedDecodingContainer<K>, _ key: K) throws -> [String: String] {
        if let list = try? container.decodeIfPresent([NamedValue].self, forKey: key) {
            var result: [String: String] = [:]
            for item in list { result[item.name] = item.value }
            return result
        }
        return try container.decodeIfPresent([String: String].self, forKey: key) ?? [:]
    }

    static func sizeFromName(_ name: String) -> String {
        for prefix in ["Standard_", "Basic_"] where name.hasPrefix(prefix) {
            return String(name.dropFirst(prefix.count))
        }
        return name
    }
}

/// The fixture / export layout: `{region, skus: [...]}`.
public struct AzureSKUDocument: Sendable, Decodable {
    public var region: String
    public var skus: [AzureSKU]
}
