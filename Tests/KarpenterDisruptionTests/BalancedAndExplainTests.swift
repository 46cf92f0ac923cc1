import Foundation
import KarpenterAPI
import Testing
@testable import KarpenterDisruption

@Suite struct BalancedAndExplainTests {
    @Test func balancedApprovesWorthwhileMoves() {
        // Four large nodes, one nearly idle: removing it saves 25% of the cost for 20% of the disruption.
        var documents = [Fixture.nodePool(policy: "Balanced", capacityTypes: ["on-demand"])]
        documents += [Fixture.node("idle"), Fixture.pod("i", on: "idle", cpu: "1")]
        for index in 0..<3 {
            documents += [Fixture.node("busy\(index)"), Fixture.pod("b\(index)a", on: "busy\(index)", cpu: "3"),
                          Fixture.pod("b\(index)b", on: "busy\(index)", cpu: "3")]
        }
        let plan = Fixture.planner(documents).plan()
        #expect(plan.command?.candidateNames == ["idle"])
        #expect(plan.command?.approval?.contains(">= threshold 0.50") == true)
        #expect(plan.events.contains { $0.reason == "ConsolidationApproved" })
    }

    @Test func balancedRejectsMovesThatDisruptTooMuch() {
        // One node with many pods whose replacement saves little: savings 12.5% vs disruption ≈ 100%.
        var documents = [Fixture.nodePool(policy: "Balanced", capacityTypes: ["on-demand"]), Fixture.node("a", type: "xlarge")]
        for index in 0..<7 { documents.append(Fixture.pod("p\(index)", on: "a", cpu: "1")) }
        let balanced = Fixture.planner(documents).plan()
        #expect(balanced.command == nil)
        #expect(balanced.verdict(for: "a")?.notes[.singleNodeConsolidation]?.contains("< threshold 0.50") == true)
        // The same cluster under WhenEmptyOrUnderutilized replaces the node.
        documents[0] = Fixture.nodePool(capacityTypes: ["on-demand"])
        #expect(Fixture.planner(documents).plan().command?.decision == .replace)
    }

    @Test func removalSimulationReportsPodByPod() throws {
        let planner = Fixture.planner([Fixture.nodePool(capacityTypes: ["on-demand"]), Fixture.pdb("zero", selector: "{matchLabels: {app: db}}", allowed: 0),
                                       Fixture.node("a"), Fixture.pod("p", on: "a", cpu: "2"), Fixture.pod("db", on: "a", cpu: "5", labels: "{app: db}"),
                                       Fixture.pod("huge", on: "a", cpu: "20"),
                                       Fixture.node("b", type: "medium"), Fixture.pod("q", on: "b", cpu: "1")])
        let removal = try #require(planner.simulateRemoval(of: "a"))
        let moves = Dictionary(uniqueKeysWithValues: removal.pods.map { ($0.pod, $0) })
        #expect(moves["default/p"]?.destination == .node("b"))
        #expect(moves["default/db"]?.destination.map { if case .newNodeClaim = $0 { true } else { false } } == true)
        #expect(moves["default/huge"]?.destination == nil)
        #expect(moves["default/huge"]?.unschedulableReason?.isEmpty == false)
        #expect(removal.blockedBy == "pdb \"default/db\" prevents pod evictions" || removal.blockedBy == "pdb \"default/zero\" prevents pod evictions")
        #expect(removal.newNodes.first?.instanceType == "large")
        #expect(removal.currentPrice == 0.4)
        #expect(removal.budgets[.underutilized] == .some(.some(2)))
        #expect(removal.budgetAllows)
    }

    @Test func explainSaysWhyANodeStays() throws {
        let planner = Fixture.planner([Fixture.nodePool(capacityTypes: ["on-demand"]), Fixture.node("a"),
                                       Fixture.pod("p", on: "a", cpu: "5")])
        let explanation = try #require(planner.explain(node: "a"))
        #expect(explanation.lines.contains("SingleNodeConsolidation: Can't replace with a cheaper node"))
        #expect(explanation.verdict.summary == "SingleNodeConsolidation: Can't replace with a cheaper node")
        #expect(explanation.expiresAt != nil)
        let blocked = try #require(Fixture.planner([Fixture.nodePool(), Fixture.node("a", initialized: false)]).explain(node: "a-claim"))
        #expect(blocked.lines.first == "not a disruption candidate: node isn't initialized")
    }
}
