import Foundation
import KarpenterAPI
import KarpenterScheduling
import Testing
@testable import KarpenterDisruption

@Suite struct ConsolidationTests {
    @Test func nodeWhosePodsFitElsewhereIsDeleted() {
        let plan = Fixture.planner([Fixture.nodePool(capacityTypes: ["on-demand"]), Fixture.node("a"), Fixture.pod("p", on: "a", cpu: "2"),
                                    Fixture.node("b"), Fixture.pod("q", on: "b", cpu: "4")]).plan()
        let command = plan.command
        #expect(command?.method == .singleNodeConsolidation)
        #expect(command?.decision == .delete)
        #expect(command?.candidateNames == ["a"])
        #expect(command?.podDestinations["default/p"] == .node("b"))
        #expect(plan.report(.multiNodeConsolidation)?.producedCommand == false)
    }

    @Test func twoHalfEmptyNodesBecomeOneCheaperNode() {
        let plan = Fixture.planner([Fixture.nodePool(capacityTypes: ["on-demand"]),
                                    Fixture.node("a"), Fixture.pod("p", on: "a", cpu: "5"),
                                    Fixture.node("b"), Fixture.pod("q", on: "b", cpu: "5")]).plan()
        let command = plan.command
        #expect(command?.method == .multiNodeConsolidation)
        #expect(command?.decision == .replace)
        #expect(command?.candidateNames.sorted() == ["a", "b"])
        #expect(command?.replacements.count == 1)
        #expect(command?.replacements.first?.instanceTypes.map(\.name) == ["xlarge"])
        let savings = command?.estimatedSavings ?? 0
        #expect(abs(savings - 0.1) < 1e-9)
        #expect(command?.podDestinations["default/p"] == .newNodeClaim(command?.replacements.first?.name ?? ""))
        #expect(plan.events.contains { $0.reason == "ConsolidationCandidate" && $0.message.hasPrefix("Consolidation candidate: replace") })
    }

    @Test func replaceOnlyWhenStrictlyCheaper() {
        let cheaper = Fixture.planner([Fixture.nodePool(capacityTypes: ["on-demand"]), Fixture.node("a"), Fixture.pod("p", on: "a", cpu: "3")]).plan()
        #expect(cheaper.command?.decision == .replace)
        #expect(cheaper.command?.replacements.first?.instanceTypes.map(\.name) == ["medium"])

        let same = Fixture.planner([Fixture.nodePool(capacityTypes: ["on-demand"]), Fixture.node("a"), Fixture.pod("p", on: "a", cpu: "5")]).plan()
        #expect(same.command == nil)
        #expect(same.verdict(for: "a")?.notes[.singleNodeConsolidation] == "Can't replace with a cheaper node")
        #expect(same.events.contains { $0.reason == "Unconsolidatable" && $0.message == "Can't replace with a cheaper node" })
        #expect(same.consolidationFoundNothing)
    }

    @Test func replacementIsRestrictedToSpotWhenBothAreAllowed() {
        let plan = Fixture.planner([Fixture.nodePool(), Fixture.node("a"), Fixture.pod("p", on: "a", cpu: "3")]).plan()
        let replacement = plan.command?.replacements.first
        #expect(replacement?.requirements.get(SchedulingLabel.capacityType).valueStrings == ["spot"])
        #expect(replacement?.instanceTypes.allSatisfy { $0.capacityType == "spot" } == true)
    }

    @Test func cannotRemoveWithoutSeveralNodes() {
        let antiAffinity = """
          affinity:
            podAntiAffinity:
              requiredDuringSchedulingIgnoredDuringExecution:
              - {labelSelector: {matchLabels: {app: spread}}, topologyKey: kubernetes.io/hostname}
        """
        let plan = Fixture.planner([Fixture.nodePool(), Fixture.node("a", type: "xlarge"),
                                    Fixture.pod("p", on: "a", labels: "{app: spread}", extraSpec: antiAffinity),
                                    Fixture.pod("q", on: "a", cpu: "1", labels: "{app: other}"),
                                    Fixture.pod("pending", on: nil, labels: "{app: spread}", extraSpec: antiAffinity)]).plan()
        // The pending pod needs its own node anyway; the candidate's pods would need a second one.
        #expect(plan.command == nil)
        #expect(plan.verdict(for: "a")?.notes[.singleNodeConsolidation] == "Can't remove without creating 2 candidates")
    }

    @Test func whenEmptyPolicyNeverConsolidatesBusyNodes() {
        let plan = Fixture.planner([Fixture.nodePool(policy: "WhenEmpty"), Fixture.node("a"), Fixture.pod("p", on: "a", cpu: "1")]).plan()
        #expect(plan.command == nil)
        #expect(plan.verdict(for: "a")?.notes[.singleNodeConsolidation] == "NodePool \"default\" has consolidation policy WhenEmpty, but node is not empty")
    }

    @Test func consolidateAfterNeverDisablesConsolidation() {
        let plan = Fixture.planner([Fixture.nodePool(consolidateAfter: "Never"), Fixture.node("a"), Fixture.pod("p", on: "a", cpu: "1")]).plan()
        #expect(plan.command == nil)
        #expect(plan.verdict(for: "a")?.notes[.singleNodeConsolidation] == "NodePool \"default\" has consolidation disabled")
    }

    @Test func pendingPodsThatCannotScheduleDoNotBlock() {
        let plan = Fixture.planner([Fixture.nodePool(capacityTypes: ["on-demand"]), Fixture.node("a"), Fixture.pod("p", on: "a", cpu: "3"),
                                    Fixture.pod("huge", on: nil, cpu: "64")]).plan()
        #expect(plan.command?.decision == .replace)
    }

    @Test func podsThatFitNowhereBlockTheMove() {
        // A 20-cpu pod on an oversized node: no instance type can take it.
        let plan = Fixture.planner([Fixture.nodePool(capacityTypes: ["on-demand"]), Fixture.node("a", type: "xlarge", cpu: 32),
                                    Fixture.pod("p", on: "a", cpu: "20")]).plan()
        #expect(plan.command == nil)
        let note = plan.verdict(for: "a")?.notes[.singleNodeConsolidation] ?? ""
        #expect(note.hasPrefix("not all pods would schedule, default/p => "))
        #expect(plan.events.contains { $0.reason == "Unconsolidatable" && $0.message.hasPrefix("Not all pods would schedule") })
    }

    @Test func uninitializedDestinationsAreNotRelied() {
        let plan = Fixture.planner([Fixture.nodePool(capacityTypes: ["on-demand"]), Fixture.node("a", type: "small"), Fixture.pod("p", on: "a", cpu: "2"),
                                    Fixture.node("fresh", type: "large", initialized: false)]).plan()
        let note = plan.verdict(for: "a")?.notes[.singleNodeConsolidation] ?? ""
        #expect(note.hasPrefix("not all pods would schedule, default/p => would schedule against uninitialized nodeclaim/fresh-claim, node/fresh"))
        #expect(plan.command == nil)
    }

    @Test func sameInstanceTypeIsDeletedNotReplaced() {
        // [large, large] → 1 large would "save" 0.4, but deleting one large saves the same
        // without a launch: multi-node must not pick the replace.
        let plan = Fixture.planner([Fixture.nodePool(capacityTypes: ["on-demand"]),
                                    Fixture.node("a"), Fixture.pod("p", on: "a", cpu: "3"),
                                    Fixture.node("b"), Fixture.pod("q", on: "b", cpu: "3")]).plan()
        #expect(plan.report(.multiNodeConsolidation)?.producedCommand == false)
        #expect(plan.command?.method == .singleNodeConsolidation)
        #expect(plan.command?.decision == .delete)
        #expect(plan.command?.candidates.count == 1)
    }

    @Test func multiNodeCapsTheCandidates() {
        var documents = [Fixture.nodePool(capacityTypes: ["on-demand"])]
        for index in 0..<6 {
            documents += [Fixture.node("n\(index)", type: "large"), Fixture.pod("p\(index)", on: "n\(index)", cpu: "1")]
        }
        let capped = Fixture.planner(documents, options: DisruptionOptions(maxMultiNodeCandidates: 3)).run(.multiNodeConsolidation)
        #expect(capped.command?.candidates.count == 3)
        // All six would need one large, which filterOutSameInstanceType refuses; five fit on the sixth.
        let full = Fixture.planner(documents).run(.multiNodeConsolidation)
        #expect(full.command?.candidates.count == 5)
        #expect(full.command?.decision == .delete)
    }

    @Test func singleNodeTakesNodePoolsInTurn() {
        var documents = [Fixture.nodePool("pool-x"), Fixture.nodePool("pool-y")]
        documents += [Fixture.node("x1", pool: "pool-x"), Fixture.pod("a", on: "x1"), Fixture.node("x2", pool: "pool-x"), Fixture.pod("b", on: "x2"),
                      Fixture.node("y1", pool: "pool-y", type: "medium"), Fixture.pod("c", on: "y1")]
        let planner = Fixture.planner(documents)
        let sorted = planner.candidates(for: .singleNodeConsolidation).taken
        #expect(sorted.map(\.node.name) == ["x1", "x2", "y1"])
        #expect(planner.interleaved(sorted, prioritized: []).map(\.node.name) == ["x1", "y1", "x2"])
        #expect(planner.interleaved(sorted, prioritized: ["pool-y"]).map(\.node.name) == ["y1", "x1", "x2"])
        let limited = Fixture.planner(documents, options: DisruptionOptions(maxSingleNodeAttempts: 0)).run(.singleNodeConsolidation)
        #expect(limited.command == nil)
        #expect(limited.unreachedNodePools == ["pool-x", "pool-y"])
    }

    @Test func validationOutcomes() {
        let before = [Fixture.nodePool(capacityTypes: ["on-demand"]), Fixture.node("a"), Fixture.pod("p", on: "a", cpu: "3")]
        let command = Fixture.planner(before).plan().command!
        #expect(command.decision == .replace)
        #expect(DisruptionPlanner.validate(command, against: Fixture.input(before)).command != nil)

        func rejection(_ documents: [String], options: DisruptionOptions = DisruptionOptions()) -> ValidationRejection? {
            if case .reject(let rejection) = DisruptionPlanner.validate(command, against: Fixture.input(documents, options: options)) { return rejection }
            return nil
        }
        #expect(rejection(before, options: DisruptionOptions(nominatedNodes: ["a"]))?.reason == .budget)
        #expect(rejection([Fixture.nodePool(budgets: "[{nodes: \"0\"}]", capacityTypes: ["on-demand"]), Fixture.node("a"), Fixture.pod("p", on: "a", cpu: "3")])?.reason == .budget)
        #expect(rejection(before + [Fixture.pod("dnd", on: "a", annotations: "{karpenter.sh/do-not-disrupt: \"true\"}")])?.reason == .churn)
        // More pods arrived: the planned medium no longer fits them.
        let grown = rejection(before + [Fixture.pod("more", on: "a", cpu: "2")])
        #expect(grown?.reason == .scheduling)
        #expect(grown?.eventMessage.hasSuffix("reason: scheduling") == true)
    }
}
