import Foundation
import KarpenterAPI
import Testing
@testable import KarpenterDisruption

@Suite struct EmptinessTests {
    @Test func emptyNodesAreDeletedTogether() {
        let plan = Fixture.planner([Fixture.nodePool(), Fixture.node("a"), Fixture.node("b"),
                                    Fixture.node("c"), Fixture.pod("p", on: "c")]).plan()
        let command = plan.command
        #expect(command?.method == .emptiness)
        #expect(command?.decision == .delete)
        #expect(command?.candidateNames.sorted() == ["a", "b"])
        #expect(command?.estimatedSavings == 0.8)
        #expect(plan.verdict(for: "a")?.selected == true)
        #expect(plan.verdict(for: "c")?.notes[.emptiness] == "node is not empty")
    }

    @Test func budgetLimitsHowManyEmptyNodesGo() {
        let plan = Fixture.planner([Fixture.nodePool(budgets: "[{nodes: \"1\"}]"), Fixture.node("a"), Fixture.node("b")]).plan()
        #expect(plan.command?.candidates.count == 1)
        #expect(plan.report(.emptiness)?.budgetBlocked == true)
    }

    @Test func zeroBudgetBlocksAndSaysSo() {
        let plan = Fixture.planner([Fixture.nodePool(budgets: "[{nodes: \"0\"}]"), Fixture.node("a")]).plan()
        #expect(plan.command == nil)
        #expect(plan.blockedBudgets.contains { $0.nodePool == "default" && $0.reason == .empty })
        #expect(plan.events.contains { $0.kind == .nodePool && $0.message.hasPrefix("No allowed disruptions for disruption reason Empty") })
        #expect(plan.report(.emptiness)?.budgetBlocked == true)
        #expect(plan.report(.emptiness)?.foundNothing == false)
    }

    @Test func consolidateAfterNeverDisablesEmptiness() {
        let plan = Fixture.planner([Fixture.nodePool(consolidateAfter: "Never"), Fixture.node("a")]).plan()
        #expect(plan.command == nil)
        #expect(plan.verdict(for: "a")?.notes[.emptiness] == "NodePool \"default\" has consolidation disabled")
        #expect(plan.events.contains { $0.reason == "Unconsolidatable" && $0.message == "NodePool \"default\" has consolidation disabled" })
    }

    @Test func consolidateAfterWaitsForTheLastPodEvent() {
        let recent = Timestamp.format(Fixture.now.addingTimeInterval(-120))
        let waiting = Fixture.planner([Fixture.nodePool(consolidateAfter: "5m"), Fixture.node("a", lastPodEvent: recent)]).plan()
        #expect(waiting.command == nil)
        #expect(waiting.verdict(for: "a")?.candidate?.consolidatable.state == .waiting)
        #expect(waiting.verdict(for: "a")?.candidate?.consolidatable.requeueAfter == 180)
        let elapsed = Fixture.planner([Fixture.nodePool(consolidateAfter: "1m"), Fixture.node("a", lastPodEvent: recent)]).plan()
        #expect(elapsed.command?.candidateNames == ["a"])
    }

    @Test func runsUnderWhenEmpty() {
        let plan = Fixture.planner([Fixture.nodePool(policy: "WhenEmpty"), Fixture.node("a")]).plan()
        #expect(plan.command?.method == .emptiness)
    }

    @Test func staticNodePoolsAreLeftAlone() {
        let plan = Fixture.planner([Fixture.nodePool(extraSpec: "  replicas: 1"), Fixture.node("a")]).plan()
        #expect(plan.command == nil)
    }

    @Test func validationKeepsSurvivorsAndAbandonsOnChurn() {
        let before = [Fixture.nodePool(), Fixture.node("a"), Fixture.node("b")]
        let command = Fixture.planner(before).plan().command!
        // A pod landed on b meanwhile: only a survives.
        let partial = DisruptionPlanner.validate(command, against: Fixture.input(before + [Fixture.pod("p", on: "b")]))
        #expect(partial.command?.candidateNames == ["a"])
        let none = DisruptionPlanner.validate(command, against: Fixture.input(before + [Fixture.pod("p", on: "b"), Fixture.pod("q", on: "a")]))
        guard case .reject(let rejection) = none else { Issue.record("expected a rejection"); return }
        #expect(rejection.reason == .churn)
        #expect(rejection.message == "abandoning empty node consolidation attempt due to pod churn")
        let nominated = DisruptionPlanner.validate(command, against: Fixture.input(before, options: DisruptionOptions(nominatedNodes: ["a"])))
        #expect(nominated.command?.candidateNames == ["b"])
    }
}
