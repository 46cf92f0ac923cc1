import Foundation
import KarpenterAPI
import Testing
@testable import KarpenterDisruption

@Suite struct CandidateTests {
    func verdict(_ documents: [String], node: String = "a", options: DisruptionOptions = DisruptionOptions()) -> NodeVerdict? {
        Fixture.planner([Fixture.nodePool()] + documents, options: options).plan().verdict(for: node)
    }

    @Test func plainNodeIsACandidate() {
        let result = verdict([Fixture.node("a"), Fixture.pod("p", on: "a")])
        #expect(result?.blocked == nil)
        #expect(result?.candidate?.price == 0.4)
        #expect(result?.candidate?.reschedulablePods == ["default/p"])
    }

    @Test func gateChecks() {
        #expect(verdict([Fixture.node("a", initialized: false)])?.blocked == "node isn't initialized")
        #expect(verdict([Fixture.node("a")], options: DisruptionOptions(nominatedNodes: ["a"]))?.blocked == "node is nominated for a pending pod")
        #expect(verdict([Fixture.node("a")], options: DisruptionOptions(disruptingNodes: ["a"]))?.blocked == "candidate is already being disrupted")
        #expect(verdict([Fixture.node("a", deleting: true)])?.blocked == "node is deleting or marked for deletion")
        #expect(verdict([Fixture.node("a", nodeAnnotations: "{karpenter.sh/do-not-disrupt: \"true\"}")])?.blocked
            == "disruption is blocked through the \"karpenter.sh/do-not-disrupt\" annotation")
        #expect(verdict([Fixture.node("a", pool: "gone")])?.blocked == "NodePool not found (NodePool=gone)")
    }

    @Test func doNotDisruptValues() {
        let annotated = { (value: String, start: String) in
            [Fixture.node("a"), Fixture.pod("p", on: "a", annotations: "{karpenter.sh/do-not-disrupt: \"\(value)\"}", startTime: start)]
        }
        #expect(verdict(annotated("true", Fixture.dayAgo))?.blocked == "pod \"default/p\" has \"karpenter.sh/do-not-disrupt\" annotation")
        // Started an hour ago: 2h still active, 30m lapsed.
        #expect(verdict(annotated("2h", Fixture.hourAgo))?.blocked != nil)
        #expect(verdict(annotated("30m", Fixture.hourAgo))?.blocked == nil)
        let invalid = verdict(annotated("forever", Fixture.hourAgo))
        #expect(invalid?.blocked == nil)
        #expect(invalid?.warnings.first?.contains("invalid") == true)
        #expect(verdict(annotated("false", Fixture.hourAgo))?.blocked == nil)
        #expect(verdict(annotated("-5m", Fixture.hourAgo))?.blocked == nil)
        // A finished or terminating pod does not hold the node.
        #expect(verdict([Fixture.node("a"), Fixture.pod("p", on: "a", annotations: "{karpenter.sh/do-not-disrupt: \"true\"}", phase: "Succeeded")])?.blocked == nil)
        #expect(verdict([Fixture.node("a"), Fixture.pod("p", on: "a", annotations: "{karpenter.sh/do-not-disrupt: \"true\"}", deleting: true)])?.blocked == nil)
    }

    @Test func doNotDisruptDurationSemantics() {
        let start = Fixture.now.addingTimeInterval(-600)
        var pod = Pod(metadata: ObjectMeta(name: "p", annotations: ["karpenter.sh/do-not-disrupt": "15m"]),
                      status: PodStatus(phase: .running, startTime: Timestamp.format(start)))
        #expect(PodDisruption.doNotDisrupt(pod, now: Fixture.now) == .active)
        #expect(PodDisruption.doNotDisrupt(pod, now: Fixture.now.addingTimeInterval(300)) == .inactive)
        pod.status?.startTime = nil
        #expect(PodDisruption.doNotDisrupt(pod, now: Fixture.now) == .active)
    }

    @Test func pdbs() {
        let base = [Fixture.node("a"), Fixture.pod("p", on: "a")]
        #expect(verdict(base + [Fixture.pdb("zero", allowed: 0)])?.blocked == "pdb \"default/zero\" prevents pod evictions")
        #expect(verdict(base + [Fixture.pdb("one", allowed: 1)])?.blocked == nil)
        #expect(verdict(base + [Fixture.pdb("one", allowed: 1), Fixture.pdb("two", allowed: 1)])?.blocked?
            .contains("eviction does not support multiple PDBs") == true)
        #expect(verdict(base + [Fixture.pdb("other-ns", namespace: "other", allowed: 0)])?.blocked == nil)
        // AlwaysAllow lets a not-ready pod go, not a ready one.
        let notReady = [Fixture.node("a"), Fixture.pod("p", on: "a", ready: false)]
        #expect(verdict(notReady + [Fixture.pdb("zero", allowed: 0, policy: "AlwaysAllow")])?.blocked == nil)
        #expect(verdict(base + [Fixture.pdb("zero", allowed: 0, policy: "AlwaysAllow")])?.blocked != nil)
        #expect(verdict(notReady + [Fixture.pdb("zero", allowed: 0)])?.blocked != nil)
        // Pods tolerating the disrupted taint are never evicted, so their PDB does not matter.
        let tolerant = [Fixture.node("a"), Fixture.pod("p", on: "a", extraSpec: "  tolerations: [{operator: Exists}]")]
        #expect(verdict(tolerant + [Fixture.pdb("zero", allowed: 0)])?.blocked == nil)
    }

    @Test func evictionCostAndEmptiness() {
        let costly = Pod(metadata: ObjectMeta(annotations: ["controller.kubernetes.io/pod-deletion-cost": "134217728"]), spec: PodSpec(priority: 33_554_432))
        #expect(PodDisruption.evictionCost(costly) == 3)
        let cheap = Pod(metadata: ObjectMeta(annotations: ["controller.kubernetes.io/pod-deletion-cost": "-2147483648"]))
        #expect(PodDisruption.evictionCost(cheap) == -10)
        #expect(PodDisruption.evictionCost(Pod(spec: PodSpec(priority: 2_000_000_000))) == 10)

        // Only a DaemonSet pod and a pod with negative eviction cost: the node counts as empty (HEAD).
        let empty = verdict([Fixture.node("a"), Fixture.pod("ds", on: "a", owner: "DaemonSet"),
                             Fixture.pod("n", on: "a", annotations: "{controller.kubernetes.io/pod-deletion-cost: \"-2147483648\"}")])
        #expect(empty?.candidate?.isEmpty == true)
        #expect(empty?.candidate?.rescheduleDisruptionCost == 1)
        let busy = verdict([Fixture.node("a"), Fixture.pod("p", on: "a")])
        #expect(busy?.candidate?.isEmpty == false)
        #expect(busy?.candidate?.rescheduleDisruptionCost == 2)
        #expect(busy?.candidate?.savingsRatio == 0.2)
    }

    @Test func candidatesSortBySavingsRatio() {
        let planner = Fixture.planner([
            Fixture.nodePool(),
            Fixture.node("a", type: "large"), Fixture.pod("a1", on: "a"), Fixture.pod("a2", on: "a"), Fixture.pod("a3", on: "a"),
            Fixture.node("b", type: "large"), Fixture.pod("b1", on: "b"),
            Fixture.node("c", type: "medium"), Fixture.pod("c1", on: "c"),
        ])
        let order = planner.candidates(for: .singleNodeConsolidation).taken.map(\.node.name)
        // ratios: a 0.4/4 = 0.1, b 0.4/2 = 0.2, c 0.2/2 = 0.1 (ties by name)
        #expect(order == ["b", "a", "c"])
    }

    @Test func disruptionCostScalesWithRemainingLifetime() {
        // Created 360h ago with expireAfter 720h: half the lifetime remains.
        let created = Timestamp.format(Fixture.now.addingTimeInterval(-360 * 3600))
        let result = verdict([Fixture.node("a", created: created), Fixture.pod("p", on: "a"), Fixture.pod("q", on: "a")])
        #expect(result?.candidate?.disruptionCost == 1.0)
    }
}
