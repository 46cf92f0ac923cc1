/// Why a cloud call failed, in the terms the controller acts on.
public enum CloudProviderError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No capacity for these offerings right now (Azure: SkuNotAvailable, ZonalAllocationFailed,
    /// AllocationFailed, OverconstrainedAllocationRequest, spot/low-priority quota...): mark them
    /// unavailable and plan the pods onto other offerings.
    case insufficientCapacity([OfferingKey], message: String)
    /// The subscription's quota for a VM family (or regional cores) is used up: every offering
    /// of that family is unavailable for a while.
    case quotaExceeded([OfferingKey], message: String)
    /// The instance does not exist (deleted, or never created).
    case notFound(providerID: String)
    /// The NodeClass is not ready (no image, subnet missing...): nothing can launch.
    case nodeClassNotReady(String)
    /// The cloud asked us to slow down; try again after this many seconds.
    case throttled(retryAfterSeconds: Int?, message: String)
    /// A failure worth retrying (5xx, network, a long-running operation that failed transiently).
    case transient(String)
    /// A failure retrying will not cure (bad request, authorization): surfaced on the NodeClaim.
    case permanent(String)

    public var description: String {
        switch self {
        case .insufficientCapacity(let keys, let message):
            return "insufficient capacity for \(keys.map(\.description).joined(separator: ", ")): \(message)"
        case .quotaExceeded(let keys, let message):
            return "quota exceeded for \(keys.map(\.description).joined(separator: ", ")): \(message)"
        case .notFound(let providerID):
            return "instance \(providerID) not found"
        case .nodeClassNotReady(let reason):
            return "node class not ready: \(reason)"
        case .throttled(let seconds, let message):
            return "throttled\(seconds.map { " (retry after \($0)s)" } ?? ""): \(message)"
        case .transient(let message), .permanent(let message):
            return message
        }
    }

    /// True for errors that mean "try other offerings".
    public var isCapacityError: Bool {
        switch self {
        case .insufficientCapacity, .quotaExceeded: true
        default: false
        }
    }
}

/// One offering: an instance type in a zone with a capacity type. `zone` empty = regional
/// (a VM without zones, or every zone).
public struct OfferingKey: Sendable, Hashable, CustomStringConvertible {
    public var instanceType: String
    public var zone: String
    public var capacityType: String

    public init(instanceType: String, zone: String, capacityType: String) {
        self.instanceType = instanceType
        self.zone = zone
        self.capacityType = capacityType
    }

    public var description: String { "\(instanceType)/\(zone.isEmpty ? "any-zone" : zone)/\(capacityType)" }
}
