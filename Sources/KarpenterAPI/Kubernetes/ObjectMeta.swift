/// `apiVersion` and `kind`, the two fields every Kubernetes object starts with.
public struct TypeMeta: Codable, Hashable, Sendable, DecodesMissingAsEmpty {
    public var apiVersion: String?
    public var kind: String?

    public init() {}

    public init(apiVersion: String?, kind: String?) {
        self.apiVersion = apiVersion
        self.kind = kind
    }
}

/// The metadata subset the autoprovisioner reads and writes. Timestamps stay RFC 3339 strings
/// exactly as the API server sent them.
public struct ObjectMeta: Codable, Hashable, Sendable, DecodesMissingAsEmpty {
    public var name: String?
    public var generateName: String?
    public var namespace: String?
    public var uid: String?
    public var resourceVersion: String?
    public var generation: Int64?
    public var creationTimestamp: String?
    public var deletionTimestamp: String?
    public var deletionGracePeriodSeconds: Int64?
    public var labels: [String: String]?
    public var annotations: [String: String]?
    public var ownerReferences: [OwnerReference]?
    public var finalizers: [String]?

    public init() {}

    public init(
        name: String? = nil, generateName: String? = nil, namespace: String? = nil,
        uid: String? = nil, resourceVersion: String? = nil, generation: Int64? = nil,
        creationTimestamp: String? = nil, deletionTimestamp: String? = nil,
        deletionGracePeriodSeconds: Int64? = nil, labels: [String: String]? = nil,
        annotations: [String: String]? = nil, ownerReferences: [OwnerReference]? = nil,
        finalizers: [String]? = nil
    ) {
        self.name = name
        self.generateName = generateName
        self.namespace = namespace
        self.uid = uid
        self.resourceVersion = resourceVersion
        self.generation = generation
        self.creationTimestamp = creationTimestamp
        self.deletionTimestamp = deletionTimestamp
        self.deletionGracePeriodSeconds = deletionGracePeriodSeconds
        self.labels = labels
        self.annotations = annotations
        self.ownerReferences = ownerReferences
        self.finalizers = finalizers
    }

    public var isDeleting: Bool { deletionTimestamp != nil }
}

public struct OwnerReference: Codable, Hashable, Sendable {
    public var apiVersion: String
    public var kind: String
    public var name: String
    public var uid: String
    public var controller: Bool?
    public var blockOwnerDeletion: Bool?

    public init(
        apiVersion: String, kind: String, name: String, uid: String,
        controller: Bool? = nil, blockOwnerDeletion: Bool? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.name = name
        self.uid = uid
        self.controller = controller
        self.blockOwnerDeletion = blockOwnerDeletion
    }
}

/// Every top-level object: lets generic code (clients, caches) reach identity fields.
public protocol KubernetesObject: Codable, Sendable {
    var apiVersion: String? { get set }
    var kind: String? { get set }
    var metadata: ObjectMeta { get set }
}
