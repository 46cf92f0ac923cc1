import Foundation
import KarpenterScheduling

/// Turns successive observations into timeline lines: pods pending -> NodeClaims -> nodes
/// ready -> pods bound, each with the seconds since the start.
struct Timeline {
    private(set) var lines: [String] = []
    private var previous = ClusterObservation()
    let prices: InstancePrices

    init(prices: InstancePrices) { self.prices = prices }

    mutating func record(_ now: ClusterObservation, at seconds: Double) {
        let stamp = String(format: "%6.1fs  ", seconds)
        func add(_ text: String) { lines.append(stamp + text) }

        let newPods = now.pods.keys.filter { previous.pods[$0] == nil }
        if !newPods.isEmpty { add("\(newPods.count) pod\(newPods.count == 1 ? "" : "s") pending") }
        let marked = now.pods.filter { $0.value.unschedulable && $0.value.node == nil && previous.pods[$0.key]?.unschedulable != true }
        if !marked.isEmpty {
            add("kube-scheduler: \(marked.count) pod\(marked.count == 1 ? "" : "s") unschedulable on the existing nodes")
        }
        for name in now.claims.keys.sorted() {
            guard let claim = now.claims[name] else { continue }
            let before = previous.claims[name]
            if before == nil { add("NodeClaim \(name) created (NodePool \(claim.nodePool))") }
            if claim.launched && before?.launched != true {
                add("NodeClaim \(name) launched: \(describe(claim))")
            }
            if let failure = claim.launchFailure, before?.launchFailure != failure {
                add("NodeClaim \(name) launch failed: \(failure)")
            }
            if claim.registered && before?.registered != true { add("NodeClaim \(name) registered its node") }
            if claim.initialized && before?.initialized != true { add("node \(name) initialized") }
        }
        for node in now.readyNodes.subtracting(previous.readyNodes).sorted() { add("node \(node) Ready") }
        var boundByNode: [String: Int] = [:]
        for (key, pod) in now.pods where pod.node != nil && previous.pods[key]?.node == nil {
            boundByNode[pod.node ?? "", default: 0] += 1
        }
        for (node, count) in boundByNode.sorted(by: { $0.key < $1.key }) {
            add("\(count) pod\(count == 1 ? "" : "s") bound to \(node)")
        }
        previous = now
    }

    func describe(_ claim: ClusterObservation.ClaimState) -> String {
        var parts = [claim.instanceType ?? "?", claim.capacityType ?? "?", claim.zone ?? "?"]
        if let type = claim.instanceType, let capacity = claim.capacityType,
           let price = prices.price(instanceType: type, zone: claim.zone, capacityType: capacity) {
            parts.append(String(format: "$%.4f/h", price))
        }
        return parts.joined(separator: " ")
    }
}
