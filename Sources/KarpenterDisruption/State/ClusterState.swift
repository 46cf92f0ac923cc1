import Foundation
import KarpenterAPI
import KarpenterScheduling

/// The decoded cluster one planning pass works on: the provisioner's scheduling snapshot,
/// state nodes with all their pods, NodePools, node classes and PDBs.
struct ClusterState: Sendable {
    let input: DisruptionInput
    let build: SnapshotBuild
    let nodes: [StateNode]
    let pools: [String: NodePoolState]
    let nodeClasses: [String: JSONValue]
    /// `TemplateHash.nodeClass` per node class name (drift).
    let nodeClassHashes: [String: String]
    let pdbs: PDBLimits
    let now: Date
    let wellKnown: LabelKeySet
    /// Keys (`ns/name`) of the provisionable pending pods.
    let pendingKeys: Set<String>

    init(_ input: DisruptionInput) {
        self.input = input
        now = input.now
        let builder = SnapshotBuilder(source: input.source, options: input.options.scheduler)
        build = builder.build(input.cluster)
        wellKnown = build.snapshot.options.wellKnownLabels
        pendingKeys = Set(build.snapshot.pendingPods.map(PodLookup.key))

        // The snapshot leaves finished and terminating pods out; the candidate checks need them.
        var extraPods: [String: [Pod]] = [:]
        for value in input.cluster.pods {
            guard let nodeName = value["spec"]?["nodeName"]?.stringValue, !nodeName.isEmpty else { continue }
            let phase = value["status"]?["phase"]?.stringValue
            let terminating = value["metadata"]?["deletionTimestamp"].map { $0 != .null } ?? false
            guard terminating || phase == "Succeeded" || phase == "Failed" else { continue }
            if var pod = try? value.decode(Pod.self) {
                if pod.metadata.namespace == nil { pod.metadata.namespace = "default" }
                extraPods[nodeName, default: []].append(pod)
            }
        }
        let queue = input.options.disruptingNodes
        nodes = build.snapshot.existingNodes.map { existing in
            StateNode(node: existing.node, nodeClaim: existing.nodeClaim,
                      pods: existing.pods + (extraPods[existing.name] ?? []), queue: queue)
        }

        var jsonByName: [String: JSONValue] = [:]
        for value in input.cluster.nodePools {
            if let name = value["metadata"]?["name"]?.stringValue { jsonByName[name] = value }
        }
        var pools: [String: NodePoolState] = [:]
        for nodePool in build.snapshot.nodePools {
            let name = nodePool.metadata.name ?? ""
            let json = jsonByName[name] ?? ((try? JSONValue.encode(nodePool)) ?? .null)
            pools[name] = NodePoolState(nodePool: nodePool, json: json, instanceTypes: build.snapshot.instanceTypes[name])
        }
        self.pools = pools

        var classes: [String: JSONValue] = [:]
        for value in input.cluster.nodeClasses {
            if let name = value["metadata"]?["name"]?.stringValue { classes[name] = value }
        }
        nodeClasses = classes
        nodeClassHashes = classes.mapValues(TemplateHash.nodeClass)
        pdbs = PDBLimits(input.cluster.podDisruptionBudgets.compactMap { try? $0.decode(PodDisruptionBudget.self) })
    }

    func node(named name: String) -> StateNode? {
        nodes.first { $0.name == name || $0.nodeClaimName == name }
    }

    /// The instance type a node runs as, from its NodePool's types.
    func instanceType(of node: StateNode) -> InstanceType? {
        guard let pool = node.nodePoolName, let name = node.instanceTypeName else { return nil }
        return pools[pool]?.instanceTypes?[name]
    }

    /// Price of the offering matching the node's zone and capacity type (availability ignored); 0 if unknown.
    func price(of node: StateNode) -> Double {
        guard let type = instanceType(of: node) else { return 0 }
        return type.offerings.first { $0.zone == node.zone && $0.capacityType == node.capacityType }?.price ?? 0
    }
}
