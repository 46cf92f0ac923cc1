import Foundation
import KarpenterAPI
import KarpenterScheduling
import Testing
@testable import KarpenterDisruption

@Suite struct DriftTests {
    static let staleHash = "{karpenter.sh/nodepool-hash: \"1\", karpenter.sh/nodepool-hash-version: v3}"

    static func drifted(_ name: String, since: String = Fixture.hourAgo, type: String = "large", claimSpec: String = "") -> String {
        Fixture.node(name, type: type, claimAnnotations: staleHash,
                     claimConditions: "  - {type: Drifted, status: \"True\", reason: NodePoolDrifted, lastTransitionTime: \"\(since)\"}",
                     claimSpec: claimSpec)
    }

    @Test func driftDetection() throws {
        let poolJSON = try ManifestParser.parse(text: Fixture.nodePool()).first!.value
        let pool = try poolJSON.decode(NodePool.self)
        func claim(annotations: [String: String], labels: [String: String] = [:], created: String = Fixture.dayAgo) -> NodeClaim {
            NodeClaim(metadata: ObjectMeta(name: "c", creationTimestamp: created, labels: labels.merging(
                ["karpenter.sh/capacity-type": "on-demand", "node.kubernetes.io/instance-type": "large", "topology.kubernetes.io/zone": "z1"]) { a, _ in a },
                annotations: annotations), status: NodeClaimStatus(providerID: "azure:///c"))
        }
        let current = TemplateHash.nodePool(poolJSON)
        func drift(_ claim: NodeClaim, types: [InstanceType]? = Fixture.catalog, nodeClass: JSONValue? = nil) -> DriftReason? {
            NodeClaimConditions.drift(claim, nodePool: pool, nodePoolJSON: poolJSON, instanceTypes: types, nodeClass: nodeClass, now: Fixture.now)
        }
        #expect(drift(claim(annotations: ["karpenter.sh/nodepool-hash": current, "karpenter.sh/nodepool-hash-version": "v3"])) == nil)
        #expect(drift(claim(annotations: ["karpenter.sh/nodepool-hash": "1", "karpenter.sh/nodepool-hash-version": "v3"])) == .nodePoolDrifted)
        #expect(drift(claim(annotations: ["karpenter.sh/nodepool-hash": "1", "karpenter.sh/nodepool-hash-version": "v2"])) == nil)
        #expect(drift(claim(annotations: [:])) == nil)
        // The pool requires on-demand or spot; a reserved node no longer matches.
        #expect(drift(claim(annotations: [:], labels: ["karpenter.sh/capacity-type": "reserved"])) == .requirementsDrifted)
        // The instance type left the catalog: only judged after an hour.
        #expect(drift(claim(annotations: [:]), types: [Fixture.catalog[0]]) == .instanceTypeNotFound)
        #expect(drift(claim(annotations: [:], created: Timestamp.format(Fixture.now.addingTimeInterval(-600))), types: [Fixture.catalog[0]]) == nil)

        let nodeClass = try ManifestParser.parse(text: """
        apiVersion: karpenter.azure.com/v1alpha2
        kind: AKSNodeClass
        metadata: {name: default}
        spec: {imageFamily: Ubuntu2204}
        """).first!.value
        let classHash = TemplateHash.nodeClass(nodeClass)
        #expect(drift(claim(annotations: ["karpenter.azure.com/aksnodeclass-hash": classHash, "karpenter.azure.com/aksnodeclass-hash-version": "v3"]), nodeClass: nodeClass) == nil)
        #expect(drift(claim(annotations: ["karpenter.azure.com/aksnodeclass-hash": "9", "karpenter.azure.com/aksnodeclass-hash-version": "v3"]), nodeClass: nodeClass) == .nodeClassDrifted)
        #expect(drift(claim(annotations: ["karpenter.azure.com/aksnodeclass-hash": "9", "karpenter.azure.com/aksnodeclass-hash-version": "v1"]), nodeClass: nodeClass) == nil)
    }

    @Test func expiration() {
        let claim = NodeClaim(metadata: ObjectMeta(creationTimestamp: "2026-01-01T00:00:00Z"), spec: NodeClaimSpec(expireAfter: "720h"))
        #expect(NodeClaimConditions.isExpired(claim, nodePool: nil, now: Timestamp.parse("2026-01-31T00:00:00Z")!))
        #expect(!NodeClaimConditions.isExpired(claim, nodePool: nil, now: Timestamp.parse("2026-01-30T23:59:59Z")!))
        let never = NodeClaim(metadata: ObjectMeta(creationTimestamp: "2026-01-01T00:00:00Z"), spec: NodeClaimSpec(expireAfter: "Never"))
        #expect(!NodeClaimConditions.isExpired(never, nodePool: nil, now: Fixture.now))
    }

    @Test func consolidatableCondition() {
        let pool = NodePool(spec: NodePoolSpec(template: NodeClaimTemplate(), disruption: Disruption(consolidateAfter: "10m")))
        var claim = NodeClaim(status: NodeClaimStatus(conditions: [Condition(type: "Initialized", status: .true, lastTransitionTime: "2026-03-01T11:55:00Z")]))
        let waiting = NodeClaimConditions.consolidatable(claim, nodePool: pool, now: Fixture.now)
        #expect(waiting.state == .waiting)
        #expect(waiting.requeueAfter == 300)
        claim.status?.lastPodEventTime = "2026-03-01T11:00:00Z"
        #expect(NodeClaimConditions.consolidatable(claim, nodePool: pool, now: Fixture.now).state == .consolidatable)
        let never = NodePool(spec: NodePoolSpec(template: NodeClaimTemplate(), disruption: Disruption(consolidateAfter: "Never")))
        #expect(NodeClaimConditions.consolidatable(claim, nodePool: never, now: Fixture.now).state == .disabled)
        #expect(NodeClaimConditions.consolidatable(NodeClaim(), nodePool: pool, now: Fixture.now).state == .notInitialized)
    }

    @Test func emptyDriftedNodesGoFirstThenOldest() {
        let plan = Fixture.planner([Fixture.nodePool(consolidateAfter: "Never"),
                                    Self.drifted("old", since: "2026-02-01T00:00:00Z"), Fixture.pod("p", on: "old"),
                                    Self.drifted("empty", since: "2026-02-20T00:00:00Z"),
                                    Self.drifted("new", since: "2026-02-10T00:00:00Z"), Fixture.pod("q", on: "new")]).plan()
        #expect(plan.command?.method == .drift)
        #expect(plan.command?.candidateNames == ["empty"])
        #expect(plan.command?.decision == .delete)
        let order = Fixture.planner([Fixture.nodePool(), Self.drifted("old", since: "2026-02-01T00:00:00Z"), Fixture.pod("p", on: "old"),
                                     Self.drifted("new", since: "2026-02-10T00:00:00Z"), Fixture.pod("q", on: "new")])
            .candidates(for: .drift).taken.map(\.node.name)
        #expect(order == ["old", "new"])
    }

    @Test func driftReplacesWithAsManyNodesAsNeeded() {
        let antiAffinity = """
          affinity:
            podAntiAffinity:
              requiredDuringSchedulingIgnoredDuringExecution:
              - {labelSelector: {matchLabels: {app: spread}}, topologyKey: kubernetes.io/hostname}
        """
        let plan = Fixture.planner([Fixture.nodePool(consolidateAfter: "Never"), Self.drifted("a", type: "xlarge"),
                                    Fixture.pod("p1", on: "a", labels: "{app: spread}", extraSpec: antiAffinity),
                                    Fixture.pod("p2", on: "a", labels: "{app: spread}", extraSpec: antiAffinity),
                                    Fixture.pod("p3", on: "a", labels: "{app: spread}", extraSpec: antiAffinity)]).plan()
        #expect(plan.command?.method == .drift)
        #expect(plan.command?.decision == .replace)
        #expect(plan.command?.replacements.count == 3)
    }

    @Test func driftRespectsBudgetsAndPodBlocks() {
        let blocked = Fixture.planner([Fixture.nodePool(consolidateAfter: "Never", budgets: "[{nodes: \"0\", reasons: [Drifted]}]"),
                                       Self.drifted("a"), Fixture.pod("p", on: "a")]).plan()
        #expect(blocked.command == nil)
        #expect(blocked.report(.drift)?.budgetBlocked == true)

        let pdb = [Fixture.nodePool(consolidateAfter: "Never"), Fixture.pod("p", on: "a"), Fixture.pdb("zero", allowed: 0)]
        let withoutTGP = Fixture.planner(pdb + [Self.drifted("a")]).plan()
        #expect(withoutTGP.command == nil)
        #expect(withoutTGP.verdict(for: "a")?.blocked == "pdb \"default/zero\" prevents pod evictions")
        // With terminationGracePeriod the drain force-deletes at the deadline: drift proceeds,
        // and the blocked pod gets no replacement capacity (a plain delete).
        let withTGP = Fixture.planner(pdb + [Self.drifted("a", claimSpec: "  terminationGracePeriod: 1h")]).plan()
        #expect(withTGP.command?.method == .drift)
        #expect(withTGP.command?.decision == .delete)
    }

    @Test func driftStatusConditionsCanBeRead() {
        let plan = Fixture.planner([Fixture.nodePool(consolidateAfter: "Never"), Self.drifted("a"), Fixture.pod("p", on: "a")],
                                   options: DisruptionOptions(conditionSource: .nodeClaimStatus)).plan()
        #expect(plan.command?.method == .drift)
        #expect(plan.command?.candidates.first?.driftReason == .nodePoolDrifted)
        #expect(plan.command?.decision == .replace)
        // Drift needs no validation delay.
        #expect(Fixture.planner([Fixture.nodePool()]).validate(plan.command!).command != nil)
    }
}
