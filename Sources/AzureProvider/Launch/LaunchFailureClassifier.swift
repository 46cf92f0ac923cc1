import Foundation
import KarpenterCloud
import KarpenterScheduling

/// What a failed VM create means (CLOUD.md §5): the error to report, the offerings to mark
/// unavailable and for how long, and whether another offering may still succeed.
struct LaunchFailure: Sendable {
    var error: CloudProviderError
    var marks: [(keys: [OfferingKey], ttl: TimeInterval)] = []
    var tryOtherOfferings: Bool
}

enum LaunchFailureClassifier {
    static let hour: TimeInterval = 3600

    static func classify(_ failure: ARMError, candidate: LaunchCandidate, allTypes: [InstanceType]) -> LaunchFailure {
        let type = candidate.instanceType
        let offering = candidate.offering
        let capacityType = offering.capacityType
        let message = "\(failure.code): \(String(failure.message.prefix(1200)))"
        let zonal = offering.zone != "0"
        // Offerings of this instance type in the attempted placement scope (all zones, or the regional one).
        func inScope(_ capacityTypes: Set<String>) -> [OfferingKey] {
            type.offerings.filter { ($0.zone != "0") == zonal && capacityTypes.contains($0.capacityType) }
                .map { OfferingKey(instanceType: type.name, zone: $0.zone, capacityType: $0.capacityType) }
        }
        let bothCapacityTypes: Set<String> = [SchedulingLabel.capacityTypeSpot, SchedulingLabel.capacityTypeOnDemand]

        switch failure.code {
        case "OperationNotAllowed" where failure.message.contains("LowPriorityCores"):
            let spot = allTypes.flatMap { type in
                type.offerings.filter { $0.capacityType == SchedulingLabel.capacityTypeSpot }
                    .map { OfferingKey(instanceType: type.name, zone: $0.zone, capacityType: $0.capacityType) }
            }
            return LaunchFailure(error: .quotaExceeded(spot, message: message), marks: [(spot, hour)], tryOtherOfferings: true)
        case "OperationNotAllowed" where failure.message.contains("Family Cores quota"):
            let keys = type.offerings.filter { $0.capacityType == capacityType }
                .map { OfferingKey(instanceType: type.name, zone: $0.zone, capacityType: capacityType) }
            let ttl = failure.message.contains("Current Limit: 0") ? hour : 600
            return LaunchFailure(error: .quotaExceeded(keys, message: message), marks: [(keys, ttl)], tryOtherOfferings: true)
        case "OperationNotAllowed" where failure.message.contains("exceeding approved Total Regional Cores quota"):
            return LaunchFailure(error: .quotaExceeded([], message: message), tryOtherOfferings: false)
        case "SkuNotAvailable":
            let keys = inScope([capacityType])
            let ttl = capacityType == SchedulingLabel.capacityTypeSpot ? hour : 23 * hour
            return LaunchFailure(error: .insufficientCapacity(keys, message: message), marks: [(keys, ttl)], tryOtherOfferings: true)
        case "ZonalAllocationFailed":
            let keys = bothCapacityTypes.sorted().map { OfferingKey(instanceType: type.name, zone: offering.zone, capacityType: $0) }
            return LaunchFailure(error: .insufficientCapacity(keys, message: message), marks: [(keys, hour)], tryOtherOfferings: true)
        case "AllocationFailed":
            let keys = inScope(bothCapacityTypes)
            return LaunchFailure(error: .insufficientCapacity(keys, message: message), marks: [(keys, hour)], tryOtherOfferings: true)
        case "OverconstrainedZonalAllocationRequest":
            let keys = [candidate.key]
            return LaunchFailure(error: .insufficientCapacity(keys, message: message), marks: [(keys, hour)], tryOtherOfferings: true)
        case "OverconstrainedAllocationRequest":
            let keys = inScope([capacityType])
            return LaunchFailure(error: .insufficientCapacity(keys, message: message), marks: [(keys, hour)], tryOtherOfferings: true)
        default:
            var error = failure.cloudError(providerID: "")
            if case .permanent = error { error = .permanent("CreateInstanceFailed: \(message)") }
            return LaunchFailure(error: error, tryOtherOfferings: false)
        }
    }
}
