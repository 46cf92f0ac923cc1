import Foundation

/// The closing lines of `simulate --run`: pods placed, NodeClaims launched by type with the
/// hourly cost, pods left unschedulable with Karpenter's reason, and how long it took.
enum EmbeddedSummary {
    static func render(_ outcome: EmbeddedSimulation.Outcome, timeline: Timeline) -> String {
        let final = outcome.final
        var lines: [String] = ["", "Summary"]
        lines.append("  pods:        \(final.boundCount)/\(final.pods.count) bound"
                     + (final.pods.values.contains { $0.node != nil && !$0.running } ? " (some not running yet)" : ""))
        let launched = final.claims.values.filter { $0.launched && !$0.deleting }
        var byType: [String: Int] = [:]
        var hourly = 0.0
        for claim in launched {
            byType[claim.instanceType ?? "?", default: 0] += 1
            if let type = claim.instanceType, let capacity = claim.capacityType,
               let price = outcome.prices.price(instanceType: type, zone: claim.zone, capacityType: capacity) {
                hourly += price
            }
        }
        let types = byType.sorted { $0.key < $1.key }.map { "\($0.value)x \($0.key)" }.joined(separator: ", ")
        lines.append("  NodeClaims:  \(final.claims.count) created, \(launched.count) launched\(types.isEmpty ? "" : " (\(types))")")
        lines.append("  nodes ready: \(final.readyNodes.count)")
        lines.append(String(format: "  cost:        $%.4f per hour", hourly))
        let pending = final.pods.filter { $0.value.node == nil }.keys.sorted()
        if !pending.isEmpty {
            lines.append("  unschedulable:")
            for key in pending {
                lines.append("    \(key): \(final.karpenterReasons[key] ?? "no NodePool could take it")")
            }
        }
        lines.append(String(format: "  took:        %.1f s%@", outcome.elapsed, outcome.timedOut ? " (stopped at --timeout)" : ""))
        if !outcome.setupProblems.isEmpty {
            lines.append("  not applied:")
            lines += outcome.setupProblems.map { "    \($0)" }
        }
        return lines.joined(separator: "\n")
    }
}
