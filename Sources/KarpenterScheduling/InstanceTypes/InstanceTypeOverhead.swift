/// Resources a node keeps for itself: allocatable = capacity − (kubeReserved + systemReserved
/// + evictionThreshold).
public struct InstanceTypeOverhead: Sendable, Hashable {
    public var kubeReserved: ResourceVector
    public var systemReserved: ResourceVector
    public var evictionThreshold: ResourceVector

    public init(kubeReserved: ResourceVector = .zero, systemReserved: ResourceVector = .zero,
                evictionThreshold: ResourceVector = .zero) {
        self.kubeReserved = kubeReserved
        self.systemReserved = systemReserved
        self.evictionThreshold = evictionThreshold
    }

    public var total: ResourceVector { kubeReserved + systemReserved + evictionThreshold }
}
