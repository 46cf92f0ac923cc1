import Foundation
import KarpenterAPI
import KarpenterScheduling
import Testing
@testable import KarpenterDisruption

@Suite struct SpotToSpotTests {
    /// 20 small 4-cpu types priced 0.10…0.29 plus a 16-cpu "big" at 1.0 (spot 30%).
    static let wideCatalog = (0..<20).map { Fixture.type("t\($0)", cpu: 4, price: 0.1 + 0.01 * Double($0)) } + [Fixture.type("big", cpu: 16, price: 1.0)]

    func documents(capacityTypes: [String] = ["spot"]) -> [String] {
        [Fixture.nodePool(capacityTypes: capacityTypes), Fixture.node("a", type: "big", capacityType: "spot"), Fixture.pod("p", on: "a", cpu: "2")]
    }

    @Test func gateOffRefusesSpotToSpot() {
        let plan = Fixture.planner(documents(), catalog: Self.wideCatalog).plan()
        #expect(plan.command == nil)
        #expect(plan.verdict(for: "a")?.notes[.singleNodeConsolidation] == "SpotToSpotConsolidation is disabled, can't replace a spot node with a spot node")
    }

    @Test func gateOnTruncatesToFifteenCheapest() {
        let plan = Fixture.planner(documents(), catalog: Self.wideCatalog, options: DisruptionOptions(spotToSpotConsolidation: true)).plan()
        let replacement = plan.command?.replacements.first
        #expect(plan.command?.decision == .replace)
        #expect(replacement?.instanceTypes.count == 15)
        #expect(replacement?.instanceTypes.first?.name == "t0")
        #expect(replacement?.instanceTypes.last?.name == "t14")
        #expect(replacement?.requirements.get(SchedulingLabel.capacityType).valueStrings == ["spot"])
    }

    @Test func singleNodeNeedsFifteenCheaperTypes() {
        let narrow = Array(Self.wideCatalog.suffix(10))
        let plan = Fixture.planner(documents(), catalog: narrow, options: DisruptionOptions(spotToSpotConsolidation: true)).plan()
        #expect(plan.command == nil)
        #expect(plan.verdict(for: "a")?.notes[.singleNodeConsolidation]
            == "SpotToSpotConsolidation requires 15 cheaper instance type options than the current candidate to consolidate, got 9")
    }

    @Test func multiNodeSpotToSpotNeedsNoFlexibility() {
        let narrow = [Fixture.type("t0", cpu: 8, price: 0.1), Fixture.type("big", cpu: 16, price: 1.0)]
        let documents = [Fixture.nodePool(capacityTypes: ["spot"]),
                         Fixture.node("a", type: "big", capacityType: "spot"), Fixture.pod("p", on: "a", cpu: "2"),
                         Fixture.node("b", type: "big", capacityType: "spot"), Fixture.pod("q", on: "b", cpu: "2")]
        let result = Fixture.planner(documents, catalog: narrow, options: DisruptionOptions(spotToSpotConsolidation: true)).run(.multiNodeConsolidation)
        #expect(result.command?.decision == .replace)
        #expect(result.command?.replacements.first?.instanceTypes.map(\.name) == ["t0"])
    }

    @Test func onDemandCandidateMayMoveToSpot() {
        let plan = Fixture.planner([Fixture.nodePool(), Fixture.node("a", type: "big"), Fixture.pod("p", on: "a", cpu: "2")],
                                   catalog: Self.wideCatalog).plan()
        #expect(plan.command?.decision == .replace)
        #expect(plan.command?.replacements.first?.instanceTypes.first?.capacityType == "spot")
    }
}
