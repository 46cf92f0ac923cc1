import Foundation
import KarpenterAPI

/// The disruption methods, in the order the controller runs them (DISRUPTION.md §2).
public enum DisruptionMethod: String, Sendable, Hashable, CaseIterable {
    case emptiness = "Emptiness"
    case drift = "Drift"
    case multiNodeConsolidation = "MultiNodeConsolidation"
    case singleNodeConsolidation = "SingleNodeConsolidation"

    public var reason: DisruptionReason {
        switch self {
        case .emptiness: return .empty
        case .drift: return .drifted
        case .multiNodeConsolidation, .singleNodeConsolidation: return .underutilized
        }
    }

    /// Drift is eventual: pod-level blocks do not stop it when the NodeClaim has a
    /// terminationGracePeriod (drain force-deletes at the deadline).
    public var isEventual: Bool { self == .drift }
}

/// A node that may be disrupted, with what it costs to do so (DISRUPTION.md §3).
public struct Candidate: Sendable, Hashable {
    public var nodeName: String
    public var nodeClaimName: String
    public var nodePool: String
    public var instanceType: String
    public var zone: String
    public var capacityType: String
    /// Hourly price of the node's offering (0 when unknown).
    public var price: Double
    /// Keys (`ns/name`) of the pods that need a new home; for an eventual method with
    /// terminationGracePeriod the pods that block eviction are left out.
    public var reschedulablePods: [String]
    /// Σ eviction cost over all pods × remaining lifetime fraction.
    public var disruptionCost: Double
    /// 1 + Σ max(0, eviction cost) over reschedulable pods.
    public var rescheduleDisruptionCost: Double
    public var isEmpty: Bool { rescheduleDisruptionCost <= 1 }
    /// Price / RescheduleDisruptionCost: higher is consolidated first.
    public var savingsRatio: Double { price / rescheduleDisruptionCost }
    /// When the `Drifted` condition turned true (drift ordering), and why.
    public var driftedSince: Date?
    public var driftReason: DriftReason?
    public var consolidatable: ConsolidatableEvaluation
}

/// HEAD order for emptiness and consolidation: SavingsRatio descending (ties by name).
func savingsOrder(_ a: Candidate, _ b: Candidate) -> Bool {
    a.savingsRatio != b.savingsRatio ? a.savingsRatio > b.savingsRatio : a.nodeName < b.nodeName
}
