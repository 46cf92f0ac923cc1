import KarpenterAPI
import KubeClient

/// The marks a disruption command leaves on its candidates (DISRUPTION.md §10): the Node's
/// `karpenter.sh/disrupted:NoSchedule` taint, so nothing new lands there, and the NodeClaim's
/// `DisruptionReason` condition; and their removal when a command fails or is abandoned.
struct DisruptionMarks: Sendable {
    static let taintKey = WellKnownTaint.disruptedKey
    static let conditionType = "DisruptionReason"

    let writes: ObjectWrites

    static func isTainted(_ node: JSONValue) -> Bool {
        (node["spec"]?["taints"]?.arrayValue ?? []).contains { $0["key"]?.stringValue == taintKey }
    }

    /// `taints` with exactly one `karpenter.sh/disrupted:NoSchedule` (a same-key taint of another
    /// effect replaced); nil when they already have it. Disruption and termination both taint this way.
    static func withDisruptedTaint(_ taints: [Taint]) -> [Taint]? {
        let disrupted = Taint(key: taintKey, effect: .noSchedule)
        let sameKey = taints.filter { $0.key == taintKey }
        if sameKey.count == 1 && sameKey[0].effect == disrupted.effect { return nil }
        return taints.filter { $0.key != taintKey } + [disrupted]
    }

    /// Adds the taint, replacing one with the same key and another effect.
    func taint(_ node: JSONValue) async throws(KubeClientError) {
        guard let taints = Self.withDisruptedTaint(node.typed(Node.self)?.spec.taints ?? []) else { return }
        _ = try await writes.patch(.nodes, node, spec: ["taints": JSONValue.of(taints)], metadata: [:])
    }

    func untaint(_ node: JSONValue) async throws(KubeClientError) {
        guard Self.isTainted(node) else { return }
        let taints = (node["spec"]?["taints"]?.arrayValue ?? []).filter { $0["key"]?.stringValue != Self.taintKey }
        _ = try await writes.patch(.nodes, node, spec: ["taints": taints.isEmpty ? .null : .array(taints)], metadata: [:])
    }

    func setReason(_ nodeClaim: JSONValue, reason: String) async throws(KubeClientError) {
        var conditions = NodeClaimReconciler.conditions(of: nodeClaim)
        conditions.set(Self.conditionType, .true, reason: reason)
        _ = try await writes.patchStatus(.nodeClaims, nodeClaim, ["conditions": JSONValue.of(conditions.conditions)])
    }

    func clearReason(_ nodeClaim: JSONValue) async throws(KubeClientError) {
        var conditions = NodeClaimReconciler.conditions(of: nodeClaim)
        guard conditions.conditions.contains(where: { $0.type == Self.conditionType }) else { return }
        conditions.remove(Self.conditionType)
        _ = try await writes.patchStatus(.nodeClaims, nodeClaim, ["conditions": JSONValue.of(conditions.conditions)])
    }
}
