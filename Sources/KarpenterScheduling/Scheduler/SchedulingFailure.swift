/// Why a pod could not go to one candidate. `code` is a stable identifier for machines,
/// `message` follows upstream's wording, `hint` says what a person can change.
public struct SchedulingFailure: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable, Codable, CaseIterable {
        case taintNotTolerated = "TaintNotTolerated"
        case incompatibleRequirements = "IncompatibleRequirements"
        case undefinedLabel = "UndefinedLabel"
        case insufficientResources = "InsufficientResources"
        case noInstanceType = "NoInstanceTypeFits"
        case noOffering = "NoCompatibleOffering"
        case nodePoolLimit = "NodePoolLimitExceeded"
        case nodeLimitExhausted = "NodeLimitExhausted"
        case topology = "TopologyUnsatisfiable"
        case hostPortConflict = "HostPortConflict"
        case noNodePools = "NoNodePools"
        case noInstanceTypesInNodePool = "NodePoolHasNoInstanceTypes"
        case minValues = "MinValuesNotMet"
        case invalidPod = "InvalidPod"
        case notForKarpenter = "NotForKarpenter"
    }

    public var code: Code
    public var message: String
    public var hint: String?
    /// Where the failure was found, e.g. `nodepool/default` or `node/aks-1`.
    public var candidate: String?

    public init(_ code: Code, _ message: String, hint: String? = nil, candidate: String? = nil) {
        self.code = code
        self.message = message
        self.hint = hint
        self.candidate = candidate
    }

    public var description: String { message }

    /// Stands in for a failure whose wording nobody will read (in-flight NodeClaims tried
    /// without tracing), so the hot path builds no strings.
    static func undetailed(_ code: Code) -> SchedulingFailure { SchedulingFailure(code, "") }
}
