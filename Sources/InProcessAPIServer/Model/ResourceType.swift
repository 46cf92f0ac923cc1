/// One served resource: where it lives in the URL space, what kind it holds, and the
/// behaviour the real API server's strategy for it has.
public struct ResourceType: Sendable, Hashable, CustomStringConvertible {
    public enum Subresource: String, Sendable, Hashable, CaseIterable {
        case status
        case eviction
        case binding
    }

    /// "" for the core group.
    public let group: String
    public let version: String
    /// The plural URL name (`pods`, `nodepools`).
    public let resource: String
    public let kind: String
    public let namespaced: Bool
    public let singular: String
    public let shortNames: [String]
    public let categories: [String]
    public let subresources: Set<Subresource>
    /// Served through a CRD: schema admission, no strategic merge patch.
    public let isCustomResource: Bool
    /// Spec changes bump `metadata.generation` (workloads, PDBs, custom resources).
    let tracksGeneration: Bool
    /// PUT of a missing object creates it (events, leases, services).
    let allowsCreateOnUpdate: Bool
    /// The verbs discovery lists for it.
    let verbs: [String]

    init(group: String, version: String, resource: String, kind: String, namespaced: Bool,
         singular: String? = nil, shortNames: [String] = [], categories: [String] = [],
         subresources: Set<Subresource> = [], isCustomResource: Bool = false,
         tracksGeneration: Bool = false, allowsCreateOnUpdate: Bool = false,
         verbs: [String] = ResourceType.standardVerbs) {
        self.group = group
        self.version = version
        self.resource = resource
        self.kind = kind
        self.namespaced = namespaced
        self.singular = singular ?? kind.lowercased()
        self.shortNames = shortNames
        self.categories = categories
        self.subresources = subresources
        self.isCustomResource = isCustomResource
        self.tracksGeneration = tracksGeneration
        self.allowsCreateOnUpdate = allowsCreateOnUpdate
        self.verbs = verbs
    }

    static let standardVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]

    /// `v1` or `apps/v1`.
    public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }
    public var listKind: String { kind + "List" }
    /// `pods`, `nodepools.karpenter.sh`: how Status messages name the resource.
    public var groupResource: String { group.isEmpty ? resource : "\(resource).\(group)" }
    /// `Pod`, `NodePool.karpenter.sh`: how "is invalid" messages name the kind.
    public var qualifiedKind: String { group.isEmpty ? kind : "\(kind).\(group)" }
    public var hasStatus: Bool { subresources.contains(.status) }

    /// Objects of every served version of one resource share storage.
    var storageKey: String { "\(group)/\(resource)" }

    public var description: String { groupResource + "/" + version }

    public static func == (lhs: ResourceType, rhs: ResourceType) -> Bool {
        lhs.group == rhs.group && lhs.version == rhs.version && lhs.resource == rhs.resource
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(group)
        hasher.combine(version)
        hasher.combine(resource)
    }
}
