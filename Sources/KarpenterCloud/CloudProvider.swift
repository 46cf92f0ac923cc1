import Foundation
import KarpenterAPI
import KarpenterScheduling

/// What Karpenter needs from a cloud: launch an instance for a NodeClaim, find, list and
/// delete instances, and say whether one has drifted from its NodeClass. Implementations:
/// Azure (ARM REST) and simulated (Node objects in the cluster, for tests and local use).
///
/// Every instance carries the name of the NodeClaim that owns it (Azure: a tag), so a
/// restarted controller can tell which instances it launched and garbage-collect the rest.
public protocol CloudProvider: Sendable {
    /// `azure`, `simulated`: for logs, metrics labels and provider IDs.
    var name: String { get }

    /// Launches one instance for `request.nodeClaim`, choosing the cheapest offering of
    /// `request.instanceTypes` that is not marked unavailable. Idempotent per NodeClaim name:
    /// launching again for a NodeClaim whose instance exists returns that instance.
    func create(_ request: LaunchRequest) async throws(CloudProviderError) -> LaunchedInstance

    /// Deletes the instance (and what belongs to it: NIC, disk). Throws `.notFound` once it is gone.
    func delete(providerID: String) async throws(CloudProviderError)

    func get(providerID: String) async throws(CloudProviderError) -> CloudInstance

    /// Every instance this cluster's Karpenter launched (for garbage collection).
    func list() async throws(CloudProviderError) -> [CloudInstance]

    /// Why a launched NodeClaim no longer matches its AKSNodeClass, or nil (CLOUD.md §9): the
    /// first of `NodeClassDrift` (hash annotations), `K8sVersionDrift` (the Node's kubelet vs
    /// `status.kubernetesVersion`), `KubeletIdentityDrift` (Azure), `ImageDrift`
    /// (`status.imageID` not among `status.images`). `node` is the NodeClaim's Node when it has
    /// registered (nil skips the Node checks). Callers skip NodeClaims whose NodeClass is gone.
    func driftReason(of nodeClaim: NodeClaim, node: Node?, nodeClass: AKSNodeClass) async throws(CloudProviderError) -> String?

    /// The node images `nodeClass` launches from at `kubernetesVersion`, in priority order (first
    /// compatible wins), each with its `kubernetes.io/arch` and
    /// `karpenter.azure.com/sku-hyperv-generation` requirements. A NodeClass that cannot have
    /// images (FIPS without the Shared Image Gallery, nothing published) is an `.unavailable`
    /// answer; thrown errors are failed calls worth retrying. Makes cloud calls on every call:
    /// callers cache (the NodeClass status reconciler refreshes at most every 5 minutes).
    func resolveImages(for nodeClass: AKSNodeClass, kubernetesVersion: String) async throws(CloudProviderError) -> ImageResolution

    /// Whether the subnet `nodeClass` launches into (`spec.vnetSubnetID`, else the operator's
    /// default) exists. Thrown errors are failed calls.
    func validateSubnet(for nodeClass: AKSNodeClass) async throws(CloudProviderError) -> SubnetValidation
}

/// The images of a NodeClass, or why it has none.
public enum ImageResolution: Sendable, Equatable {
    /// In priority order; empty = nothing published for its definitions (`ImagesNotFound`).
    case resolved([NodeImage])
    /// `reason` is the `ImagesReady` condition reason (`SIGRequiredForFIPS`, `ImagesNotFound`).
    case unavailable(reason: String, message: String)

    public static let sigRequiredForFIPS = "SIGRequiredForFIPS"
    public static let imagesNotFound = "ImagesNotFound"
}

/// Whether a NodeClass's subnet can be used.
public enum SubnetValidation: Sendable, Equatable {
    case valid
    /// `reason` is the `SubnetsReady` condition reason (`SubnetNotFound`, `SubnetIDInvalid`).
    case invalid(reason: String, message: String)

    public static let subnetNotFound = "SubnetNotFound"
    public static let subnetIDInvalid = "SubnetIDInvalid"
}

/// A NodeClaim to launch and the instance types it may become (the scheduler's options,
/// cheapest compatible offering first).
public struct LaunchRequest: Sendable {
    public var nodeClaim: NodeClaim
    public var nodeClass: AKSNodeClass?
    public var instanceTypes: [InstanceType]

    public init(nodeClaim: NodeClaim, nodeClass: AKSNodeClass?, instanceTypes: [InstanceType]) {
        self.nodeClaim = nodeClaim
        self.nodeClass = nodeClass
        self.instanceTypes = instanceTypes
    }

    public var nodeClaimName: String { nodeClaim.metadata.name ?? "" }
}

/// What was launched: written into the NodeClaim's status and labels.
public struct LaunchedInstance: Sendable, Equatable {
    public var providerID: String
    public var instanceType: String
    public var zone: String
    public var capacityType: String
    public var imageID: String?
    /// Labels of the chosen instance type and offering (instance type, zone, capacity type, SKU labels).
    public var labels: [String: String]
    /// Annotations for the NodeClaim: Azure stamps `karpenter.azure.com/aksnodeclass-hash` and
    /// `karpenter.azure.com/aksnodeclass-hash-version` of the NodeClass it launched from (drift).
    public var annotations: [String: String]
    public var capacity: ResourceList
    public var allocatable: ResourceList

    public init(providerID: String, instanceType: String, zone: String, capacityType: String, imageID: String? = nil,
                labels: [String: String] = [:], annotations: [String: String] = [:], capacity: ResourceList = [:],
                allocatable: ResourceList = [:]) {
        self.providerID = providerID
        self.instanceType = instanceType
        self.zone = zone
        self.capacityType = capacityType
        self.imageID = imageID
        self.labels = labels
        self.annotations = annotations
        self.capacity = capacity
        self.allocatable = allocatable
    }
}

/// An instance as the cloud reports it.
public struct CloudInstance: Sendable, Equatable {
    public enum State: String, Sendable {
        case creating, running, deleting, failed, unknown
    }

    public var providerID: String
    /// The NodeClaim that owns it (Azure tag `karpenter.azure.com_nodeclaim`), if any.
    public var nodeClaimName: String?
    public var nodePoolName: String?
    public var instanceType: String?
    public var zone: String?
    public var capacityType: String?
    public var imageID: String?
    public var state: State
    public var createdAt: Date?

    public init(providerID: String, nodeClaimName: String? = nil, nodePoolName: String? = nil, instanceType: String? = nil,
                zone: String? = nil, capacityType: String? = nil, imageID: String? = nil, state: State = .running,
                createdAt: Date? = nil) {
        self.providerID = providerID
        self.nodeClaimName = nodeClaimName
        self.nodePoolName = nodePoolName
        self.instanceType = instanceType
        self.zone = zone
        self.capacityType = capacityType
        self.imageID = imageID
        self.state = state
        self.createdAt = createdAt
    }
}
