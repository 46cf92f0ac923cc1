import Foundation
import KarpenterAPI
import KarpenterCloud
import KarpenterDisruption
import KarpenterScheduling
import KubeClient
import Logging

/// Keeps the NodeClaim conditions the disruption methods read and people look at
/// (DISRUPTION.md §5, §7): `Consolidatable` (consolidateAfter elapsed since the last pod event),
/// `Drifted` with its reason, and `Empty` (an initialized node running no pod but DaemonSet and
/// mirror pods). Only changed conditions are written.
struct DisruptionConditionsReconciler: Sendable {
    static let consolidatable = "Consolidatable"
    static let drifted = "Drifted"
    static let empty = "Empty"

    let informers: ClusterInformers
    let writes: ObjectWrites
    let instanceTypes: CloudInstanceTypes
    /// Asked for what only the provider knows (image, Kubernetes version, kubelet identity).
    let cloudProvider: any CloudProvider
    let logger: Logger

    /// Nodes running at least one active pod that is neither a DaemonSet's nor a mirror pod.
    static func nodesWithWorkloadPods(_ pods: [JSONValue]) -> Set<String> {
        var nodes: Set<String> = []
        for pod in pods where !pod.isDeleting {
            guard let node = pod["spec"]?["nodeName"]?.stringValue, !node.isEmpty else { continue }
            let phase = pod["status"]?["phase"]?.stringValue
            if phase == "Succeeded" || phase == "Failed" { continue }
            let owners = pod["metadata"]?["ownerReferences"]?.arrayValue ?? []
            if owners.contains(where: { ["DaemonSet", "Node"].contains($0["kind"]?.stringValue ?? "") }) { continue }
            if pod["metadata"]?["annotations"]?["kubernetes.io/config.mirror"] != nil { continue }
            nodes.insert(node)
        }
        return nodes
    }

    /// The provider's drift reason for a launched NodeClaim whose node class still exists.
    private func cloudDrift(_ nodeClaim: NodeClaim, nodeClass: JSONValue?, nodes: [String: JSONValue]) async -> String? {
        guard let providerID = nodeClaim.status?.providerID, !providerID.isEmpty,
              let typedClass = nodeClass?.typed(AKSNodeClass.self) else { return nil }
        let node = nodes[providerID]
        do {
            return try await cloudProvider.driftReason(of: nodeClaim, node: node?.typed(Node.self), nodeClass: typedClass)
        } catch {
            logger.debug("drift check failed", metadata: ["NodeClaim": "\(nodeClaim.metadata.name ?? "")", "error": "\(error)"])
            return nil
        }
    }

    func reconcileAll(now: Date = Date()) async {
        let nodePools = Dictionary(await informers.nodePools.items().map { ($0.name, $0) }) { first, _ in first }
        let nodeClasses = Dictionary(await informers.nodeClasses.items().map { ($0.name, $0) }) { first, _ in first }
        var typesByPool: [String: [InstanceType]] = [:]
        let workloadNodes = Self.nodesWithWorkloadPods(await informers.pods.items())
        let nodesByProviderID = Dictionary(await informers.nodes.items().compactMap { node in
            node["spec"]?["providerID"]?.stringValue.map { ($0, node) }
        }) { first, _ in first }
        for claim in await informers.nodeClaims.items() where !claim.isDeleting {
            guard let typed = claim.typed(NodeClaim.self), let poolName = claim.labels[WellKnownLabel.nodePool],
                  let poolJSON = nodePools[poolName], let pool = poolJSON.typed(NodePool.self) else { continue }
            let nodeClassJSON = pool.spec.template.spec.nodeClassRef.flatMap { nodeClasses[$0.name] }
            if typesByPool[poolName] == nil {
                typesByPool[poolName] = (try? instanceTypes.base.instanceTypes(for: nodeClassJSON?.typed(AKSNodeClass.self))) ?? []
            }
            var conditions = NodeClaimReconciler.conditions(of: claim)
            let before = conditions.conditions

            let consolidation = NodeClaimConditions.consolidatable(typed, nodePool: pool, now: now)
            switch consolidation.state {
            case .consolidatable: conditions.set(Self.consolidatable, .true, reason: Self.consolidatable)
            case .waiting, .disabled, .notInitialized: conditions.remove(Self.consolidatable)
            }
            let nodeClass = typed.spec.nodeClassRef.flatMap { nodeClasses[$0.name] } ?? nodeClassJSON
            if let reason = NodeClaimConditions.drift(typed, nodePool: pool, nodePoolJSON: poolJSON,
                                                      instanceTypes: typesByPool[poolName], nodeClass: nodeClass, now: now) {
                conditions.set(Self.drifted, .true, reason: reason.rawValue)
            } else if let reason = await cloudDrift(typed, nodeClass: nodeClass, nodes: nodesByProviderID) {
                conditions.set(Self.drifted, .true, reason: reason)
            } else {
                conditions.remove(Self.drifted)
            }
            let nodeName = claim["status"]?["nodeName"]?.stringValue ?? ""
            if conditions.isTrue(ConditionType.initialized), !nodeName.isEmpty, !workloadNodes.contains(nodeName) {
                conditions.set(Self.empty, .true, reason: Self.empty)
            } else {
                conditions.remove(Self.empty)
            }
            guard !conditions.conditions.sameStates(as: before) else { continue }
            do {
                _ = try await writes.patchStatus(.nodeClaims, claim, ["conditions": JSONValue.of(conditions.conditions)])
            } catch {
                logger.debug("updating disruption conditions failed", metadata: ["NodeClaim": "\(claim.name)", "error": "\(error)"])
            }
        }
    }
}
