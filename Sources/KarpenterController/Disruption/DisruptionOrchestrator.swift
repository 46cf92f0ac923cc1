import Foundation
import KarpenterAPI
import KarpenterScheduling
import KubeClient
import Logging

/// Carries out disruption commands (DISRUPTION.md §10): mark the candidates, launch the
/// replacements, wait until every replacement is initialized, then delete the candidates'
/// NodeClaims so termination drains them gracefully. A command that cannot finish is undone.
actor DisruptionOrchestrator {
    struct Candidate: Sendable {
        var nodeClaim: String
        var node: String?
    }

    struct Replacement: Sendable {
        var plan: PlannedNodeClaim
        var nodePool: NodePool
        var templateHash: String
    }

    struct Order: Sendable {
        var id: String
        var reason: String
        var candidates: [Candidate]
        var replacements: [String]
        var started: Date
        var announcedWaiting = false
    }

    let client: KubernetesClient
    let informers: ClusterInformers
    let marks: DisruptionMarks
    let events: EventRecorder
    let settings: DisruptionSettings
    let logger: Logger
    private var orders: [Order] = []

    init(client: KubernetesClient, informers: ClusterInformers, writes: ObjectWrites, events: EventRecorder,
         settings: DisruptionSettings, logger: Logger) {
        self.client = client
        self.informers = informers
        marks = DisruptionMarks(writes: writes)
        self.events = events
        self.settings = settings
        self.logger = logger
    }

    var isIdle: Bool { orders.isEmpty }

    /// Nodes and NodeClaims that are part of a command in progress.
    func busy() -> (nodes: Set<String>, nodeClaims: Set<String>) {
        (Set(orders.flatMap { $0.candidates.compactMap(\.node) }), Set(orders.flatMap { $0.candidates.map(\.nodeClaim) }))
    }

    /// Marks the candidates and creates the replacements; false (with everything undone) when
    /// a step fails.
    func start(reason: String, candidates: [Candidate], replacements: [Replacement]) async -> Bool {
        let taken = busy()
        guard !candidates.contains(where: { taken.nodeClaims.contains($0.nodeClaim) }) else { return false }
        do {
            for candidate in candidates {
                if let name = candidate.node, let node = await informers.nodes.get(ObjectKey(namespace: nil, name: name)) {
                    try await marks.taint(node)
                }
                let nodeClaim = try await client.get(.nodeClaims, name: candidate.nodeClaim)
                try await marks.setReason(nodeClaim, reason: reason)
            }
        } catch {
            logger.error("marking disruption candidates failed", metadata: ["error": "\(error)"])
            await unmark(candidates)
            return false
        }
        var created: [String] = []
        for replacement in replacements {
            let object = NodeClaimFactory.nodeClaim(for: replacement.plan, nodePool: replacement.nodePool,
                                                    templateHash: replacement.templateHash)
            do {
                let made = try await client.create(.nodeClaims, JSONValue.of(object))
                created.append(made.name)
                await events.record(made, warning: false, reason: "DisruptionLaunching", message: "Launching NodeClaim: \(reason)")
            } catch {
                logger.error("creating a replacement nodeclaim failed", metadata: ["error": "\(error)"])
                for name in created { _ = try? await client.delete(.nodeClaims, name: name) }
                await unmark(candidates)
                return false
            }
        }
        orders.append(Order(id: UUID().uuidString, reason: reason, candidates: candidates, replacements: created, started: Date()))
        logger.info("disrupting via \(replacements.isEmpty ? "delete" : "replace")",
                    metadata: ["reason": "\(reason)", "nodeclaims": "\(candidates.map(\.nodeClaim).joined(separator: ", "))",
                               "replacements": "\(created.joined(separator: ", "))"])
        return true
    }

    /// One look at every command in progress.
    func reconcile() async {
        var remaining: [Order] = []
        for var order in orders {
            switch await progress(of: &order) {
            case .waiting: remaining.append(order)
            case .done: break
            case .failed(let why):
                logger.error("abandoning disruption command", metadata: ["reason": "\(order.reason)", "why": "\(why)"])
                await unmark(order.candidates)
            }
        }
        orders = remaining
    }

    private enum Progress { case waiting, done, failed(String) }

    private func progress(of order: inout Order) async -> Progress {
        var initialized = 0
        for name in order.replacements {
            guard let replacement = try? await client.get(.nodeClaims, name: name), !replacement.isDeleting else {
                return .failed("replacement nodeclaim \(name) is gone (for instance no capacity)")
            }
            if NodeClaimReconciler.conditions(of: replacement).isTrue(ConditionType.initialized) {
                initialized += 1
            } else if !order.announcedWaiting {
                await events.record(replacement, warning: false, reason: "DisruptionWaitingReadiness",
                                    message: "Waiting on readiness to continue disruption")
            }
        }
        order.announcedWaiting = true
        if initialized < order.replacements.count {
            let age = Date().timeIntervalSince(order.started)
            return age > settings.commandTimeout.seconds ? .failed("replacements not initialized after \(Int(age)) s") : .waiting
        }
        for candidate in order.candidates {
            guard let nodeClaim = try? await client.get(.nodeClaims, name: candidate.nodeClaim) else { continue }
            let message = "Disrupting Node: \(order.reason)"
            await events.record(nodeClaim, warning: false, reason: "DisruptionTerminating", message: message)
            if let name = candidate.node, let node = await informers.nodes.get(ObjectKey(namespace: nil, name: name)) {
                await events.record(node, warning: false, reason: "DisruptionTerminating", message: message)
            }
            _ = try? await client.delete(.nodeClaims, name: candidate.nodeClaim)
        }
        return .done
    }

    /// Removes the taint and the condition from candidates that are not being deleted.
    func unmark(_ candidates: [Candidate]) async {
        for candidate in candidates {
            if let claim = try? await client.get(.nodeClaims, name: candidate.nodeClaim), !claim.isDeleting {
                try? await marks.clearReason(claim)
            }
            if let name = candidate.node, let node = try? await client.get(.nodes, name: name), !node.isDeleting {
                try? await marks.untaint(node)
            }
        }
    }

    /// After restarts and failed commands: candidates marked by no command in progress are unmarked.
    func cleanUpStrayMarks() async {
        let taken = busy()
        for node in await informers.nodes.items() where DisruptionMarks.isTainted(node) && !node.isDeleting && !taken.nodes.contains(node.name) {
            let claim = await informers.nodeClaims.items().first { $0["status"]?["nodeName"]?.stringValue == node.name }
            if claim?.isDeleting == true { continue }
            try? await marks.untaint(node)
        }
        for claim in await informers.nodeClaims.items() where !claim.isDeleting && !taken.nodeClaims.contains(claim.name) {
            if NodeClaimReconciler.conditions(of: claim).conditions.contains(where: { $0.type == DisruptionMarks.conditionType }) {
                try? await marks.clearReason(claim)
            }
        }
    }
}
