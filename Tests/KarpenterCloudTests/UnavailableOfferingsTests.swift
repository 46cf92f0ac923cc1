import Foundation
import KarpenterScheduling
import Testing
@testable import KarpenterCloud

final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current = Date(timeIntervalSince1970: 1_800_000_000)
    var now: Date { lock.lock(); defer { lock.unlock() }; return current }
    func advance(_ seconds: TimeInterval) { lock.lock(); current += seconds; lock.unlock() }
}

@Suite("Unavailable offerings")
struct UnavailableOfferingsTests {
    let d4 = OfferingKey(instanceType: "Standard_D4s_v5", zone: "eastus-1", capacityType: "spot")

    @Test func anOfferingIsUnavailableUntilItsTTLEnds() {
        let clock = TestClock()
        let cache = UnavailableOfferings(now: { clock.now })
        cache.mark([d4], for: 180)
        #expect(cache.isUnavailable(d4))
        #expect(!cache.isUnavailable(OfferingKey(instanceType: "Standard_D4s_v5", zone: "eastus-2", capacityType: "spot")))
        clock.advance(179)
        #expect(cache.isUnavailable(d4))
        clock.advance(2)
        #expect(!cache.isUnavailable(d4))
        #expect(cache.current().isEmpty)
    }

    @Test func aRegionalMarkCoversEveryZone() {
        let cache = UnavailableOfferings()
        cache.mark([OfferingKey(instanceType: "Standard_D4s_v5", zone: "", capacityType: "on-demand")], for: 60)
        #expect(cache.isUnavailable(OfferingKey(instanceType: "Standard_D4s_v5", zone: "eastus-3", capacityType: "on-demand")))
        #expect(!cache.isUnavailable(OfferingKey(instanceType: "Standard_D4s_v5", zone: "eastus-3", capacityType: "spot")))
    }

    @Test func aLaterMarkNeverShortensAnEarlierOne() {
        let clock = TestClock()
        let cache = UnavailableOfferings(now: { clock.now })
        cache.mark([d4], for: 600)
        cache.mark([d4], for: 60)
        clock.advance(120)
        #expect(cache.isUnavailable(d4))
    }

    @Test func instanceTypesCarryTheMarksForTheScheduler() {
        let type = InstanceType(
            name: "Standard_D4s_v5", requirements: Requirements(), capacity: ResourceVector(),
            overhead: InstanceTypeOverhead(),
            offerings: [Offering(zone: "eastus-1", capacityType: "spot", price: 0.05, available: true),
                        Offering(zone: "eastus-2", capacityType: "spot", price: 0.05, available: true)])
        let cache = UnavailableOfferings()
        let before = cache.generation
        cache.mark([d4], for: 60)
        #expect(cache.generation > before)
        let applied = cache.applied(to: [type])
        #expect(applied[0].offerings.map(\.available) == [false, true])
        #expect(applied[0].name == "Standard_D4s_v5")
        #expect(cache.applied(to: [applied[0]])[0].offerings.map(\.available) == [false, true])
    }
}
