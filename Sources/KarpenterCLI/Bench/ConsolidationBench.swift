import ArgumentParser
import Foundation
import KarpenterAPI
import KarpenterAzure
import KarpenterDisruption
import KarpenterScheduling

/// Times the disruption planner on a synthetic cluster sized like a large AKS cluster.
struct ConsolidationBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consolidate",
        abstract: "Time the disruption planner (emptiness, drift, multi- and single-node consolidation).",
        discussion: """
        Builds a cluster of N nodes (Standard_D{4,8,16}s_v5 from the embedded eastus catalog, \
        on-demand, three zones) carrying P pods of 100m-1500m cpu, with 2% of the nodes empty, \
        2% drifted (stale NodePool hash) and a tenth of the nodes lightly used, then times each \
        method on its own and the whole pass. Build with -c release first.

        Examples:
          karpenter-bench consolidate
          karpenter-bench consolidate --nodes 200 --pods 2000
        """
    )

    @Option(help: "Nodes in the cluster.")
    var nodes = 1000

    @Option(help: "Pods bound to the nodes.")
    var pods = 10000

    @Option(help: "Seed of the generator.")
    var seed: UInt64 = 42

    func validate() throws {
        if nodes < 2 || nodes > 20000 { throw ValidationError("--nodes must be between 2 and 20000") }
        if pods < 0 || pods > 400_000 { throw ValidationError("--pods must be between 0 and 400000") }
    }

    func run() throws {
        let source = try AzureCatalog.instanceTypeSource(region: "eastus")
        let start = DispatchTime.now().uptimeNanoseconds
        let cluster = try ConsolidationBenchCluster.make(nodes: nodes, pods: pods, seed: seed, source: source)
        let built = seconds(since: start)
        let now = Date(timeIntervalSince1970: 1_772_366_400) // 2026-03-01T12:00:00Z
        let input = DisruptionInput(cluster: cluster, source: source, now: now)

        let prepareStart = DispatchTime.now().uptimeNanoseconds
        let planner = DisruptionPlanner(input)
        let prepared = seconds(since: prepareStart)
        print("cluster: \(nodes) nodes, \(pods) pods (generated in \(format(built)) s)")
        print("decode + snapshot + candidate checks: \(format(prepared)) s")
        print("method                     seconds   simulations  candidates  command")
        for method in DisruptionMethod.allCases {
            let methodStart = DispatchTime.now().uptimeNanoseconds
            let result = planner.run(method)
            let elapsed = seconds(since: methodStart)
            let command = result.command.map { "\($0.decision.rawValue) \($0.candidates.count) node(s), \($0.replacements.count) new, saves $\(String(format: "%.3f", $0.estimatedSavings))/h" } ?? "none"
            print(pad(method.rawValue, 26) + " " + pad(format(elapsed), 9) + " " + pad("\(result.simulations)", 12) + " "
                + pad("\(result.candidates)", 11) + " " + command)
        }
        let planStart = DispatchTime.now().uptimeNanoseconds
        let plan = DisruptionPlanner(input).plan()
        let total = seconds(since: planStart)
        let chosen = plan.command.map { "\($0.method.rawValue) \($0.decision.rawValue) of \($0.candidates.count) node(s)" } ?? "nothing"
        print("whole pass (new planner, stops at the first command): \(format(total)) s -> \(chosen)")
        let peak = PeakMemory.peakBytes().map { String(format: "%.0f MiB", Double($0) / 1_048_576) } ?? "n/a"
        print("peak RSS: \(peak)")
    }

    private func seconds(since start: UInt64) -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
    private func format(_ value: Double) -> String { String(format: "%.3f", value) }
    private func pad(_ text: String, _ width: Int) -> String { text.count >= width ? text : text + String(repeating: " ", count: width - text.count) }
}


/// The synthetic cluster of `karpenter-bench consolidate`, as the API server would list it.
enum ConsolidationBenchCluster {
    static let typeNames = ["Standard_D4s_v5", "Standard_D8s_v5", "Standard_D16s_v5"]
    static let cpus = [100, 250, 500, 1000, 1500]

    static func make(nodes count: Int, pods podCount: Int, seed: UInt64, source: InstanceTypeSource) throws -> ClusterObjects {
        let nodeClassJSON = try JSONValue.encode(AKSNodeClass(metadata: ObjectMeta(name: "default", creationTimestamp: "2026-01-01T00:00:00Z")))
        let nodeClass = try nodeClassJSON.decode(AKSNodeClass.self)
        let catalog = try source.instanceTypes(for: nodeClass)
        let types = typeNames.compactMap { name in catalog.first { $0.name == name } }
        guard !types.isEmpty else { throw ConsolidationBenchError("the embedded catalog lacks \(typeNames.joined(separator: ", "))") }

        let nodePool = NodePool(metadata: ObjectMeta(name: "default", creationTimestamp: "2026-01-01T00:00:00Z"),
                                spec: NodePoolSpec(template: NodeClaimTemplate(spec: NodeClaimTemplateSpec(
                                    nodeClassRef: NodeClassReference(group: KarpenterAPIGroup.azure, kind: KarpenterKind.aksNodeClass, name: "default"),
                                    requirements: [NodeSelectorRequirementWithMinValues(key: WellKnownLabel.capacityType, operator: .in, values: ["on-demand"])],
                                    expireAfter: "720h")),
                                    disruption: Disruption(consolidateAfter: "0s", consolidationPolicy: .whenEmptyOrUnderutilized,
                                                           budgets: [Budget(nodes: "10%")])),
                                status: NodePoolStatus(conditions: [Condition(type: "Ready", status: .true)]))
        let nodePoolJSON = try JSONValue.encode(nodePool)
        let currentHash = TemplateHash.nodePool(nodePoolJSON)

        var random = SplitMix64(seed: seed)
        var nodes: [JSONValue] = []
        var claims: [JSONValue] = []
        var capacity: [(name: String, freeMillis: Int64, light: Bool)] = []
        for index in 0..<count {
            let type = types[index % types.count]
            let offering = type.offerings.filter { $0.capacityType == "on-demand" && $0.available }[index % 3 % max(1, type.offerings.filter { $0.capacityType == "on-demand" }.count)]
            let name = "aks-default-\(index)"
            let created = "2026-02-2\(index % 8)T00:00:00Z"
            var labels = [WellKnownLabel.nodePool: "default", WellKnownLabel.instanceType: type.name, WellKnownLabel.zone: offering.zone,
                          WellKnownLabel.capacityType: "on-demand", WellKnownLabel.arch: "amd64", WellKnownLabel.os: "linux",
                          WellKnownLabel.hostname: name, "karpenter.azure.com/aksnodeclass": "default"]
            for requirement in type.requirements where requirement.operator == .in && requirement.values.count == 1 {
                labels[requirement.key.name] = labels[requirement.key.name] ?? requirement.valueStrings[0]
            }
            var nodeLabels = labels
            nodeLabels["karpenter.sh/initialized"] = "true"
            nodeLabels["karpenter.sh/registered"] = "true"
            let drifted = index % 50 == 1
            let annotations = [KarpenterAnnotation.nodePoolHash: drifted ? "stale" : currentHash, KarpenterAnnotation.nodePoolHashVersion: TemplateHash.version]
            let allocatable = type.allocatable.quantities
            let claim = NodeClaim(metadata: ObjectMeta(name: name, creationTimestamp: created, labels: labels, annotations: annotations),
                                  spec: NodeClaimSpec(nodeClassRef: NodeClassReference(group: KarpenterAPIGroup.azure, kind: KarpenterKind.aksNodeClass, name: "default")),
                                  status: NodeClaimStatus(providerID: "azure:///\(name)", nodeName: name, allocatable: allocatable,
                                                          conditions: [Condition(type: "Launched", status: .true, lastTransitionTime: created),
                                                                       Condition(type: "Initialized", status: .true, lastTransitionTime: created)]))
            let node = Node(metadata: ObjectMeta(name: name, creationTimestamp: created, labels: nodeLabels),
                            spec: NodeSpec(providerID: "azure:///\(name)"),
                            status: NodeStatus(capacity: type.capacity.quantities, allocatable: allocatable,
                                               conditions: [NodeCondition(type: "Ready", status: "True")]))
            claims.append(try JSONValue.encode(claim))
            nodes.append(try JSONValue.encode(node))
            // 2% empty, a tenth lightly used (a quarter of capacity), the rest up to 90%.
            let empty = index % 50 == 0
            let light = index % 10 == 3
            let share: Double = empty ? 0 : (light ? 0.25 : 0.9)
            capacity.append((name, Int64(Double(type.allocatable.cpuMillis) * share), light))
        }

        var pods: [JSONValue] = []
        var cursor = 0
        for index in 0..<podCount {
            let cpu = Int64(cpus[random.below(cpus.count)])
            var placed: String?
            for _ in 0..<capacity.count {
                let slot = cursor % capacity.count
                cursor += 1
                if capacity[slot].freeMillis >= cpu {
                    capacity[slot].freeMillis -= cpu
                    placed = capacity[slot].name
                    break
                }
            }
            guard let nodeName = placed else { break }
            let requests: ResourceList = ["cpu": Quantity(milli: cpu), "memory": try Quantity(parsing: "\(cpu * 2)Mi")]
            let pod = Pod(metadata: ObjectMeta(name: "app-\(index)", namespace: "default", uid: "uid-\(index)",
                                               creationTimestamp: "2026-02-28T00:00:00Z", labels: ["app": "app-\(index % 40)"],
                                               ownerReferences: [OwnerReference(apiVersion: "apps/v1", kind: "ReplicaSet", name: "app-\(index % 40)",
                                                                                uid: "rs-\(index % 40)", controller: true)]),
                          spec: PodSpec(nodeName: nodeName, containers: [Container(name: "app", image: "app", resources: ResourceRequirements(requests: requests))]),
                          status: PodStatus(phase: .running, conditions: [PodCondition(type: "Ready", status: "True")], startTime: "2026-02-28T00:00:00Z"))
            pods.append(try JSONValue.encode(pod))
        }
        return ClusterObjects(nodePools: [nodePoolJSON], nodeClaims: claims, nodeClasses: [nodeClassJSON], nodes: nodes, pods: pods)
    }
}

struct ConsolidationBenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
