import Foundation
import InProcessAPIServer
import KarpenterAPI
import KarpenterCloud
import KarpenterController
import KarpenterScheduling
import KubeClient
import SimulatedCloud

/// `simulate --run`: the real controller against an in-memory cluster. An in-process API
/// server holds the manifests' objects; the simulated cloud launches Node objects and plays
/// their kubelet; a minimal binder plays kube-scheduler (binding pods to ready nodes, marking
/// the rest Unschedulable, which is what makes Karpenter act). The run ends when every pod is
/// bound, when nothing has changed for `settle`, or at `timeout`.
struct EmbeddedSimulation {
    var files: [ManifestFile]
    var region: String
    var timeout: Duration = .seconds(120)
    var settle: Duration = .seconds(15)
    var nodeReadyDelay: Duration = .milliseconds(500)
    var batchIdle: Duration = .seconds(1)
    var batchMax: Duration = .seconds(10)

    struct Outcome {
        var timeline: [String]
        var setupProblems: [String]
        var final: ClusterObservation
        var elapsed: Double
        var timedOut: Bool
        var prices: InstancePrices
    }

    func run(onLine: @escaping @Sendable (String) -> Void = { _ in }) async throws -> Outcome {
        let server = try await InProcessAPIServer.start()
        let client = try KubernetesClient(config: RESTConfig(server: server.baseURL),
                                          options: ClientOptions(qps: 0, userAgent: "kubectl-karpenter-simulate"))
        let problems = await apply(ManifestSeed.objects(in: files), with: client)
        let unavailable = UnavailableOfferings()
        let cloud = SimulatedCloudProvider(client: client, unavailableOfferings: unavailable)
        let kubelet = SimulatedKubelet(client: client, options: .init(readyDelay: nodeReadyDelay))
        let binder = Binder(client: client)
        let controller = ControllerRuntime(
            client: client, cloudProvider: cloud, instanceTypes: try .azureEmbedded(region: region),
            options: ControllerOptions(batchIdleDuration: batchIdle, batchMaxDuration: batchMax, pendingPodRecheck: .seconds(2),
                                       metricsPort: nil, healthPort: nil),
            unavailableOfferings: unavailable)
        await kubelet.start()
        await binder.start()
        let controllerTask = Task { await controller.run() }

        let prices = ClusterCatalog.prices(region: region)
        var timeline = Timeline(prices: prices)
        let started = ContinuousClock.now
        var lastChange = started
        var printed = 0
        var observation = ClusterObservation()
        var timedOut = false
        while true {
            let now = ContinuousClock.now
            let current = observe(server.store)
            let before = timeline.lines.count
            timeline.record(current, at: Self.seconds(now - started))
            if timeline.lines.count != before { lastChange = now }
            for line in timeline.lines[printed...] { onLine(line) }
            printed = timeline.lines.count
            observation = current
            if current.isSettled { break }
            if now - lastChange > settle { break }
            if now - started > timeout {
                timedOut = true
                break
            }
            try? await Task.sleep(for: .milliseconds(100))
        }
        let elapsed = Self.seconds(ContinuousClock.now - started)
        controllerTask.cancel()
        await controllerTask.value
        await binder.stop()
        await kubelet.stop()
        await client.shutdown()
        try? await server.shutdown()
        return Outcome(timeline: timeline.lines, setupProblems: problems, final: observation, elapsed: elapsed,
                       timedOut: timedOut, prices: prices)
    }

    /// Creates the objects as `kubectl create` would; refusals are reported, not fatal.
    private func apply(_ objects: [JSONValue], with client: KubernetesClient) async -> [String] {
        var problems: [String] = []
        for object in objects {
            let kind = object["kind"]?.stringValue ?? ""
            let name = object["metadata"]?["name"]?.stringValue ?? ""
            guard let resource = Self.resource(for: object) else {
                problems.append("\(kind) \(name): not simulated (skipped)")
                continue
            }
            do {
                let created = try await client.create(resource, object)
                if let status = object["status"], resource.kind == "Node" || resource.kind == "Pod" {
                    var withStatus = created
                    withStatus["status"] = status
                    _ = try await client.updateStatus(resource, withStatus)
                }
            } catch {
                problems.append("\(kind) \(name): \(error)")
            }
        }
        return problems
    }

    private func observe(_ store: ObjectStore) -> ClusterObservation {
        func items(_ type: ResourceType) -> [JSONValue] { (try? store.list(type).items) ?? [] }
        return ClusterObservation(pods: items(.pods), claims: items(.nodeClaims), nodes: items(.nodes), events: items(.events))
    }

    static func resource(for object: JSONValue) -> APIResource? {
        switch object["kind"]?.stringValue {
        case "Namespace": .namespaces
        case "Pod": .pods
        case "Node": .nodes
        case "DaemonSet": .daemonSets
        case "PodDisruptionBudget": .podDisruptionBudgets
        case KarpenterKind.nodePool: .nodePools
        case KarpenterKind.nodeClaim: .nodeClaims
        case KarpenterKind.aksNodeClass:
            APIResource(group: "karpenter.azure.com", version: object["apiVersion"]?.stringValue == "karpenter.azure.com/v1beta1" ? "v1beta1" : "v1alpha2",
                        resource: "aksnodeclasses", kind: KarpenterKind.aksNodeClass, namespaced: false)
        default: nil
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
