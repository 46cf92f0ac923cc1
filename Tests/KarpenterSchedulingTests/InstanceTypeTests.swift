import XCTest
import KarpenterAPI
@testable import KarpenterScheduling

final class InstanceTypeTests: XCTestCase {
    func makeType(_ name: String, arch: String = "amd64", zones: [String] = ["z1"]) -> InstanceType {
        InstanceType(
            name: name,
            requirements: Requirements([.in(SchedulingLabel.instanceType, [name]), .in(SchedulingLabel.arch, [arch]),
                                        .in(SchedulingLabel.zone, zones)]),
            capacity: ResourceVector(cpuMillis: 4000, memoryBytes: 16 << 30, pods: 110, extended: ["hugepages-2Mi": 1 << 30]),
            overhead: InstanceTypeOverhead(kubeReserved: ResourceVector(cpuMillis: 100, memoryBytes: 1 << 30),
                                           evictionThreshold: ResourceVector(memoryBytes: 100 << 20)),
            offerings: zones.map { Offering(zone: $0, capacityType: "on-demand", price: 1, available: true) })
    }

    func testAllocatableSubtractsOverheadAndHugePages() {
        let it = makeType("t")
        XCTAssertEqual(it.allocatable.cpuMillis, 3900)
        XCTAssertEqual(it.allocatable.memoryBytes, (16 << 30) - (1 << 30) - (100 << 20) - (1 << 30))
        XCTAssertEqual(it.allocatable.pods, 110)
    }

    func testFits() {
        let available = ResourceVector(cpuMillis: 1000, memoryBytes: 100, pods: 2, extended: ["nvidia.com/gpu": 1])
        XCTAssertTrue(ResourceVector(cpuMillis: 1000, memoryBytes: 100, pods: 2).fits(in: available))
        XCTAssertFalse(ResourceVector(cpuMillis: 1001).fits(in: available))
        XCTAssertTrue(ResourceVector(extended: ["nvidia.com/gpu": 1]).fits(in: available))
        XCTAssertFalse(ResourceVector(extended: ["amd.com/gpu": 1]).fits(in: available), "unknown resource counts as 0")
        XCTAssertTrue(ResourceVector(extended: ["amd.com/gpu": 0]).fits(in: available))
        XCTAssertFalse(ResourceVector().fits(in: ResourceVector(memoryBytes: -1)), "negative available never fits")
    }

    func testResourceListFromQuantities() throws {
        let list = ResourceVector(quantities: ["cpu": try Quantity(parsing: "1500m"), "memory": try Quantity(parsing: "1Gi"),
                                             "pods": try Quantity(parsing: "110"), "nvidia.com/gpu": try Quantity(parsing: "2")])
        XCTAssertEqual(list.cpuMillis, 1500)
        XCTAssertEqual(list.memoryBytes, 1 << 30)
        XCTAssertEqual(list.pods, 110)
        XCTAssertEqual(list["nvidia.com/gpu"], 2)
        XCTAssertEqual(list.description, #"{"cpu":"1500m","memory":"1Gi","nvidia.com/gpu":"2","pods":"110"}"#)
    }

    func testOfferingCompatibilityAndCheapestPrice() {
        let it = InstanceType(name: "t", requirements: Requirements(), capacity: .zero, overhead: .init(), offerings: [
            Offering(zone: "z1", capacityType: "spot", price: 0.5, available: true),
            Offering(zone: "z2", capacityType: "on-demand", price: 1.0, available: true),
            Offering(zone: "z1", capacityType: "on-demand", price: 0.1, available: false),
        ])
        let anyZone = Requirements()
        XCTAssertEqual(it.cheapestPrice(compatibleWith: anyZone, wellKnown: SchedulingLabel.core), 0.5)
        let onDemand = Requirements([.in(SchedulingLabel.capacityType, ["on-demand"])])
        XCTAssertEqual(it.cheapestPrice(compatibleWith: onDemand, wellKnown: SchedulingLabel.core), 1.0)
        XCTAssertEqual(it.compatibleOfferings(Requirements([.in(SchedulingLabel.zone, ["z3"])]), wellKnown: SchedulingLabel.core).count, 0)
    }

    func testMinValues() {
        let types = [makeType("a", arch: "amd64"), makeType("b", arch: "amd64"), makeType("c", arch: "arm64")]
        let reqs = Requirements([.in(SchedulingLabel.arch, ["amd64", "arm64"], minValues: 2)])
        XCTAssertEqual(reqs.satisfiesMinValues(types), MinValuesResult(neededInstanceTypes: 3, unsatisfied: [:]))
        let unmet = reqs.satisfiesMinValues(Array(types.prefix(2)))
        XCTAssertEqual(unmet.unsatisfied, ["kubernetes.io/arch": 1])
        XCTAssertEqual(unmet.errorDescription, "minValues requirement is not met for label(s) [kubernetes.io/arch]")
        XCTAssertEqual(Requirements().satisfiesMinValues(types).neededInstanceTypes, 0)
    }
}
