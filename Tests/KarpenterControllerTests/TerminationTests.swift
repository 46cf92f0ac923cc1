import Foundation
import KarpenterAPI
import KubeClient
import Testing

/// Graceful termination and expiration end to end: the controller against the in-process API
/// server (eviction subresource, PodDisruptionBudgets, graceful pod deletion, finalizers) and
/// the simulated cloud (Nodes as instances, their kubelets, kube-scheduler's binder).
@Suite(.serialized) struct TerminationTests {
    static func isLeaving(_ pods: [String: JSONValue], _ name: String) -> Bool {
        guard let pod = pods[name] else { return true }
        return pod["metadata"]?["deletionTimestamp"] != nil
    }

    static func date(_ text: String?) -> Date? {
        text.flatMap { try? Date($0, strategy: .iso8601) }
    }

    /// Counted as healthy by a PodDisruptionBudget: Ready and not terminating.
    static func isHealthy(_ pod: JSONValue) -> Bool {
        pod["metadata"]?["deletionTimestamp"] == nil && pod["status"]?["conditions"]?.arrayValue?.contains {
            $0["type"]?.stringValue == "Ready" && $0["status"]?.stringValue == "True"
        } == true
    }

    @Test func deletingANodeClaimDrainsItsNodeGroupByGroupThenTerminatesIt() async throws {
        let cluster = try await SimulatedTestCluster()
        do {
            try await cluster.launchNode("drain-me")
            try await cluster.createPod("web-0", on: "drain-me")
            try await cluster.createPod("web-1", on: "drain-me")
            try await cluster.createPod("agent", on: "drain-me", .init(daemonSet: true))
            try await cluster.createPod("critical", on: "drain-me", .init(priorityClassName: "system-cluster-critical"))
            try await cluster.createPod("tolerant", on: "drain-me", .init(toleratesEverything: true))
            for name in ["web-0", "web-1", "agent", "critical", "tolerant"] { try await cluster.wait(.podRunning(name)) }

            _ = try await cluster.client.delete(.nodeClaims, name: "drain-me")
            var violations: [String] = []
            var tolerantDisturbed = false
            var sawTaint = false
            var sawLoadBalancerLabel = false
            let deadline = ContinuousClock.now + .seconds(25)
            while cluster.nodeExists("drain-me") && ContinuousClock.now < deadline {
                let pods = cluster.podSnapshot()
                if Self.isLeaving(pods, "agent") && (pods["web-0"] != nil || pods["web-1"] != nil) {
                    violations.append("the DaemonSet pod left before the other pods were gone")
                }
                if Self.isLeaving(pods, "critical") && pods["agent"] != nil {
                    violations.append("the critical pod left before the DaemonSet pod was gone")
                }
                if Self.isLeaving(pods, "tolerant") { tolerantDisturbed = true }
                if cluster.holds(.nodeTainted("drain-me")) { sawTaint = true }
                if let node = try? cluster.server.store.get(.nodes, name: "drain-me"),
                   node["metadata"]?["labels"]?["node.kubernetes.io/exclude-from-external-load-balancers"]?.stringValue == "karpenter" {
                    sawLoadBalancerLabel = true
                }
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(!cluster.nodeExists("drain-me"))
            #expect(violations.isEmpty, "\(Set(violations))")
            #expect(!tolerantDisturbed)
            #expect(sawTaint)
            #expect(sawLoadBalancerLabel)
            try await cluster.wait(.nodeClaimGone("drain-me"))

            for name in ["web-0", "web-1", "agent", "critical"] {
                #expect(cluster.eventMessages(reason: "Evicted", object: name) == ["Evicted pod: Forceful Termination"], "\(name)")
            }
            #expect(cluster.eventMessages(reason: "Evicted", object: "tolerant").isEmpty)
            #expect(try await cluster.cloud.list().isEmpty)
            let metrics = cluster.controller.metrics.registry.render()
            #expect(metrics.contains("karpenter_nodes_terminated_total{nodepool=\"default\"} 1"))
            #expect(metrics.contains("karpenter_nodeclaims_terminated_total{nodepool=\"default\"} 1"))
            #expect(metrics.contains("karpenter_pods_evicted_total{reason=\"Forceful Termination\"} 4"))
        } catch {
            await cluster.stop()
            throw error
        }
        await cluster.stop()
    }

    @Test func aBlockingPDBHoldsTheNodeUntilTheTerminationGracePeriodForcesDeletion() async throws {
        let cluster = try await SimulatedTestCluster()
        do {
            try await cluster.launchNode("guarded", terminationGracePeriod: "8s")
            try await cluster.createPDB("guard", selector: ["app": "guarded"], maxUnavailable: 0)
            try await cluster.createPod("guarded-0", on: "guarded", .init(labels: ["app": "guarded"]))
            try await cluster.createPod("guarded-1", on: "guarded", .init(labels: ["app": "guarded"]))
            for name in ["guarded-0", "guarded-1"] { try await cluster.wait(.podRunning(name)) }

            _ = try await cluster.client.delete(.nodeClaims, name: "guarded")
            try await cluster.wait(.event(reason: "FailedDraining", object: "guarded", containing: "evicting pod violates a PDB"))
            try await cluster.wait(.event(reason: "FailedDraining", object: "guarded", containing: "2 pods are waiting to be evicted"))
            // The budget holds: the node and the pods stay.
            #expect(cluster.nodeExists("guarded"))
            #expect(cluster.holds(.podRunning("guarded-0")) || cluster.eventMessages(reason: "Disrupted", object: "guarded-0").count == 1)
            let claim = try await cluster.client.get(.nodeClaims, name: "guarded")
            let deleted = try #require(Self.date(claim["metadata"]?["deletionTimestamp"]?.stringValue))
            let annotated = claim["metadata"]?["annotations"]?["karpenter.sh/nodeclaim-termination-timestamp"]?.stringValue
            #expect(Self.date(annotated) == deleted.addingTimeInterval(8))
            try await cluster.wait(.event(reason: "TerminationGracePeriodExpiring", object: "guarded", containing: "All pods will be deleted by"))

            // The deadline deletes the pods anyway, bypassing the budget.
            try await cluster.wait(.nodeGone("guarded"), timeout: .seconds(25))
            try await cluster.wait(.nodeClaimGone("guarded"))
            for name in ["guarded-0", "guarded-1"] {
                #expect(cluster.eventMessages(reason: "Evicted", object: name).isEmpty)
                #expect(cluster.eventMessages(reason: "Disrupted", object: name).contains { $0.contains("bypasses the PDB") }, "\(name)")
            }
            #expect(cluster.controller.metrics.registry.render().contains("karpenter_pods_forcefully_deleted_total 2"))
        } catch {
            await cluster.stop()
            throw error
        }
        await cluster.stop()
    }

    @Test func aDoNotDisruptPodHoldsTheDrainUntilTheTerminationGracePeriodForcesIt() async throws {
        let cluster = try await SimulatedTestCluster()
        do {
            try await cluster.launchNode("pinned", terminationGracePeriod: "6s")
            try await cluster.createPod("pinned-app", on: "pinned", .init(annotations: ["karpenter.sh/do-not-disrupt": "true"]))
            try await cluster.createPod("free", on: "pinned")
            for name in ["pinned-app", "free"] { try await cluster.wait(.podRunning(name)) }

            _ = try await cluster.client.delete(.nodeClaims, name: "pinned")
            try await cluster.wait(.podGone("free"))
            try await cluster.wait(.event(reason: "FailedDraining", object: "pinned", containing: "1 pods are waiting to be evicted"))
            #expect(cluster.nodeExists("pinned"))
            #expect(cluster.eventMessages(reason: "Evicted", object: "pinned-app").isEmpty)

            try await cluster.wait(.nodeGone("pinned"), timeout: .seconds(25))
            try await cluster.wait(.nodeClaimGone("pinned"))
            #expect(cluster.eventMessages(reason: "Evicted", object: "free") == ["Evicted pod: Forceful Termination"])
            #expect(cluster.eventMessages(reason: "Evicted", object: "pinned-app").isEmpty)
            #expect(cluster.eventMessages(reason: "Disrupted", object: "pinned-app").contains { $0.contains("do-not-disrupt") })
        } catch {
            await cluster.stop()
            throw error
        }
        await cluster.stop()
    }

    @Test func drainingNeverTakesAPDBBelowWhatItAllows() async throws {
        let cluster = try await SimulatedTestCluster()
        do {
            try await cluster.launchNode("old")
            try await cluster.launchNode("spare")
            try await cluster.createPDB("web", selector: ["app": "web"], minAvailable: 2)
            let originals = ["web-0", "web-1", "web-2"]
            for name in originals { try await cluster.createPod(name, on: "old", .init(labels: ["app": "web"])) }
            for name in originals { try await cluster.wait(.podRunning(name)) }

            _ = try await cluster.client.delete(.nodeClaims, name: "old")
            // Plays the ReplicaSet: every pod that leaves gets a replacement on the spare node.
            var replaced: Set<String> = []
            var fewestHealthy = Int.max
            let deadline = ContinuousClock.now + .seconds(25)
            while cluster.nodeExists("old") && ContinuousClock.now < deadline {
                let pods = cluster.podSnapshot()
                let healthy = pods.values.filter { $0["metadata"]?["labels"]?["app"]?.stringValue == "web" && Self.isHealthy($0) }.count
                fewestHealthy = min(fewestHealthy, healthy)
                for name in originals where Self.isLeaving(pods, name) && !replaced.contains(name) {
                    replaced.insert(name)
                    try await cluster.createPod("\(name)-replacement", on: "spare", .init(labels: ["app": "web"]))
                }
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(!cluster.nodeExists("old"))
            #expect(fewestHealthy >= 2)
            #expect(replaced == Set(originals))
            try await cluster.wait(.nodeClaimGone("old"))
            for name in originals {
                #expect(cluster.eventMessages(reason: "Evicted", object: name) == ["Evicted pod: Forceful Termination"], "\(name)")
            }
            #expect(cluster.holds(.nodeReady("spare")))
        } catch {
            await cluster.stop()
            throw error
        }
        await cluster.stop()
    }

    @Test func anExpiredNodeClaimIsDeletedAndItsPodsAreProvisionedAgain() async throws {
        let cluster = try await SimulatedTestCluster(binder: true)
        do {
            try await cluster.createNodePool(expireAfter: "6s")
            try await cluster.createPod("app", on: nil)
            try await cluster.wait(.podRunning("app"))
            let first = try #require(cluster.podSnapshot()["app"]?["spec"]?["nodeName"]?.stringValue)
            // Replacements must not expire during the test.
            _ = try await cluster.client.patch(.nodePools, name: "default", .merge(.object([
                "spec": .object(["template": .object(["spec": .object(["expireAfter": .string("Never")])])]),
            ])))

            try await cluster.wait(.event(reason: "Expired", object: first, containing: "expireAfter of 6s"))
            try await cluster.wait(.podGone("app"))
            // Plays the ReplicaSet.
            try await cluster.createPod("app-2", on: nil)
            try await cluster.wait(.podBoundElsewhere("app-2", notOn: first), timeout: .seconds(25))
            try await cluster.wait(.nodeClaimGone(first))
            try await cluster.wait(.nodeGone(first))
            #expect(cluster.eventMessages(reason: "Evicted", object: "app") == ["Evicted pod: Forceful Termination"])
            #expect(cluster.controller.metrics.registry.render().contains("karpenter_nodeclaims_expired_total{nodepool=\"default\"} 1"))
        } catch {
            await cluster.stop()
            throw error
        }
        await cluster.stop()
    }
}
