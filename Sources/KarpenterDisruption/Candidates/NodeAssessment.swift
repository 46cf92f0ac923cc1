import Foundation
import KarpenterAPI
import KarpenterScheduling

/// One managed node checked against the candidate rules of DISRUPTION.md §3, once per pass;
/// methods then filter the assessments with their own ShouldDisrupt.
struct NodeAssessment: Sendable {
    let node: StateNode
    /// The first failed check among 1–7 (§3), in upstream's wording.
    var gateBlock: String?
    /// The first pod-level block (check 8), in upstream's wording.
    var podBlock: String?
    /// Pods whose eviction is blocked (do-not-disrupt or PDB); left out of eventual simulations.
    var blockingPods: Set<String> = []
    /// Reschedulable pods (all of them, blocking ones included).
    var reschedulable: [Pod] = []
    /// Candidate attributes, set when the gate checks pass.
    var candidate: Candidate?
    /// Invalid do-not-disrupt values seen on the node's pods (an event flags each).
    var invalidDoNotDisrupt: [String] = []

    /// The pods a simulation must place when this node goes away.
    func podsToReschedule(eventual: Bool) -> [Pod] {
        eventual ? reschedulable.filter { !blockingPods.contains(PodLookup.key($0)) } : reschedulable
    }
}

enum NodeAssessor {
    static func assess(_ state: ClusterState) -> [NodeAssessment] {
        state.nodes.filter(\.isManaged).map { assess($0, state) }
    }

    static func assess(_ node: StateNode, _ state: ClusterState) -> NodeAssessment {
        var result = NodeAssessment(node: node)
        let options = state.input.options
        if node.inQueue {
            result.gateBlock = "candidate is already being disrupted"
        } else if node.nodeClaim == nil {
            result.gateBlock = "node isn't managed by karpenter"
        } else if node.node == nil {
            result.gateBlock = "nodeclaim does not have an associated node"
        } else if !node.isInitialized {
            result.gateBlock = "node isn't initialized"
        } else if node.markedForDeletion {
            result.gateBlock = "node is deleting or marked for deletion"
        } else if node.matches(options.nominatedNodes) {
            result.gateBlock = "node is nominated for a pending pod"
        } else if node.annotation(KarpenterAnnotation.doNotDisrupt) == "true" {
            result.gateBlock = "disruption is blocked through the \"\(KarpenterAnnotation.doNotDisrupt)\" annotation"
        } else if node.nodePoolName == nil || state.pools[node.nodePoolName!]?.instanceTypes == nil {
            result.gateBlock = "NodePool not found (NodePool=\(node.nodePoolName ?? ""))"
        }
        checkPods(&result, state)
        if result.gateBlock == nil { result.candidate = candidate(for: result, state) }
        return result
    }

    private static func checkPods(_ result: inout NodeAssessment, _ state: ClusterState) {
        for pod in result.node.pods {
            let key = PodLookup.key(pod)
            if PodDisruption.isReschedulable(pod) {
                // Kept unbound, as the simulation places it.
                var unbound = pod
                unbound.spec.nodeName = nil
                result.reschedulable.append(unbound)
            }
            guard PodDisruption.isActive(pod) else { continue }
            switch PodDisruption.doNotDisrupt(pod, now: state.now) {
            case .active:
                result.blockingPods.insert(key)
                if result.podBlock == nil { result.podBlock = "pod \"\(key)\" has \"\(KarpenterAnnotation.doNotDisrupt)\" annotation" }
                continue
            case .invalid(let value):
                result.invalidDoNotDisrupt.append("pod \"\(key)\" has an invalid \"\(KarpenterAnnotation.doNotDisrupt)\" value \"\(value)\"; it is ignored")
            case .absent, .inactive:
                break
            }
            guard PodDisruption.wouldEvict(pod) else { continue }
            switch state.pdbs.verdict(for: pod) {
            case .allowed:
                break
            case .blocked(let pdb):
                result.blockingPods.insert(key)
                if result.podBlock == nil { result.podBlock = "pdb \"\(pdb)\" prevents pod evictions" }
            case .multiple(let pdbs):
                result.blockingPods.insert(key)
                if result.podBlock == nil {
                    result.podBlock = "pod \"\(key)\" is selected by pdbs \(pdbs.map { "\"\($0)\"" }.joined(separator: ", ")): eviction does not support multiple PDBs"
                }
            }
        }
    }

    private static func candidate(for assessment: NodeAssessment, _ state: ClusterState) -> Candidate {
        let node = assessment.node
        let claim = node.nodeClaim!
        let pool = state.pools[node.nodePoolName ?? ""]!
        var lifetime = 1.0
        if let expireAfter = pool.expireAfter, expireAfter.seconds > 0,
           let created = Timestamp.parse(claim.metadata.creationTimestamp) {
            let age = state.now.timeIntervalSince(created)
            lifetime = min(max((expireAfter.seconds - age) / expireAfter.seconds, 0), 1)
        }
        let allCost = node.pods.reduce(0.0) { $0 + PodDisruption.evictionCost($1) }
        let rescheduleCost = 1 + assessment.reschedulable.reduce(0.0) { $0 + max(0, PodDisruption.evictionCost($1)) }
        let consolidatable: ConsolidatableEvaluation
        switch state.input.options.conditionSource {
        case .computed:
            consolidatable = NodeClaimConditions.consolidatable(claim, nodePool: pool.nodePool, now: state.now)
        case .nodeClaimStatus:
            let condition = claim.status?.conditions?.condition(ConditionType.consolidatable)
            consolidatable = pool.consolidationDisabled ? ConsolidatableEvaluation(state: .disabled)
                : ConsolidatableEvaluation(state: condition?.isTrue == true ? .consolidatable : .waiting)
        }
        let (driftReason, driftedSince) = drift(of: claim, pool: pool, state)
        return Candidate(nodeName: node.name, nodeClaimName: claim.metadata.name ?? "", nodePool: pool.name,
                         instanceType: node.instanceTypeName ?? "", zone: node.zone ?? "", capacityType: node.capacityType ?? "",
                         price: state.price(of: node), reschedulablePods: assessment.reschedulable.map(PodLookup.key),
                         disruptionCost: allCost * lifetime, rescheduleDisruptionCost: rescheduleCost,
                         driftedSince: driftedSince, driftReason: driftReason, consolidatable: consolidatable)
    }

    private static func drift(of claim: NodeClaim, pool: NodePoolState, _ state: ClusterState) -> (DriftReason?, Date?) {
        let condition = claim.status?.conditions?.condition(ConditionType.drifted)
        let recorded = condition?.isTrue == true ? Timestamp.parse(condition?.lastTransitionTime) : nil
        switch state.input.options.conditionSource {
        case .nodeClaimStatus:
            guard condition?.isTrue == true else { return (nil, nil) }
            return (condition?.reason.flatMap(DriftReason.init(rawValue:)) ?? .nodePoolDrifted, recorded ?? state.now)
        case .computed:
            let className = claim.spec.nodeClassRef?.name ?? ""
            let nodeClass = state.nodeClasses[className]
            // Only the NodeClaim's own type matters to InstanceTypeNotFound.
            let typeName = claim.metadata.labels?[WellKnownLabel.instanceType]
            let types = pool.instanceTypes.map { byName in typeName.flatMap { byName[$0] }.map { [$0] } ?? [] }
            guard let reason = NodeClaimConditions.drift(claim, nodePool: pool.nodePool, nodePoolHash: pool.templateHash,
                                                         instanceTypes: types, nodeClass: nodeClass,
                                                         nodeClassHash: state.nodeClassHashes[className], now: state.now) else {
                return (nil, nil)
            }
            return (reason, recorded ?? state.now)
        }
    }
}
