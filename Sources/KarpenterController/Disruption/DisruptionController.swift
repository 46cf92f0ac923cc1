import Foundation
import KarpenterAPI
import KarpenterCloud
import KarpenterDisruption
import KarpenterScheduling
import KubeClient
import Logging

/// The disruption loop (DISRUPTION.md §2): plan with the pure planner, publish why nodes were
/// or were not disrupted, re-check consolidation decisions after the validation delay, and
/// hand the command to the orchestrator, which replaces before it deletes.
struct DisruptionController: Sendable {
    let client: KubernetesClient
    let state: ClusterState
    let informers: ClusterInformers
    let instanceTypes: CloudInstanceTypes
    let unavailable: UnavailableOfferings
    let events: EventRecorder
    let orchestrator: DisruptionOrchestrator
    let conditions: DisruptionConditionsReconciler
    let marker: ConsolidationMarker
    let settings: DisruptionSettings
    let metrics: ControllerMetrics
    let logger: Logger

    /// Runs until cancelled.
    func run() async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                while !Task.isCancelled {
                    await orchestrator.reconcile()
                    try? await Task.sleep(for: .seconds(1))
                }
            }
            group.addTask {
                while !Task.isCancelled {
                    await conditions.reconcileAll()
                    await orchestrator.cleanUpStrayMarks()
                    let acted = settings.enabled ? await passOnce() : false
                    try? await Task.sleep(for: acted ? .seconds(1) : settings.pollInterval)
                }
            }
            await group.waitForAll()
        }
    }

    /// One planning pass; true when it started a command.
    @discardableResult
    func passOnce() async -> Bool {
        // One command at a time keeps budgets and simulations simple to reason about.
        guard await orchestrator.isIdle else { return false }
        let input = await makeInput()
        let fingerprint = ConsolidationMarker.fingerprint(input.cluster, nominated: input.options.nominatedNodes,
                                                          disrupting: input.options.disruptingNodes)
        let skipConsolidation = await marker.isUnchanged(fingerprint, now: input.now)
        let methods = DisruptionMethod.allCases.filter { !skipConsolidation || $0 == .drift }
        let started = ContinuousClock.now
        let plan = DisruptionPlanner(input).plan(methods: methods)
        metrics.disruptionPass(seconds: (ContinuousClock.now - started).seconds)
        await publish(plan.events)
        if logger.logLevel <= .debug {
            for verdict in plan.verdicts {
                logger.debug("disruption verdict", metadata: ["Node": "\(verdict.nodeName)", "verdict": "\(verdict.summary)"])
            }
        }
        if plan.consolidationFoundNothing && !skipConsolidation { await marker.record(fingerprint, now: input.now) }
        guard var command = plan.command else { return false }

        if command.method != .drift {
            logger.info("validating disruption decision", metadata: ["decision": "\(command.summary)"])
            try? await Task.sleep(for: settings.validationDelay)
            if Task.isCancelled { return false }
            switch DisruptionPlanner.validate(command, against: await makeInput()) {
            case .proceed(let validated):
                command = validated
            case .reject(let rejection):
                logger.info("abandoning disruption decision", metadata: ["why": "\(rejection.eventMessage)"])
                for candidate in command.candidates {
                    await recordOnCandidate(candidate, reason: "ConsolidationRejected", message: rejection.eventMessage, warning: false)
                }
                return false
            }
        }
        return await execute(command, objects: input.cluster)
    }

    private func execute(_ command: DisruptionCommand, objects: ClusterObjects) async -> Bool {
        let nodePools = Dictionary(objects.nodePools.map { ($0.name, $0) }) { first, _ in first }
        var replacements: [DisruptionOrchestrator.Replacement] = []
        for plan in command.replacements {
            guard let json = nodePools[plan.nodePool], let nodePool = json.typed(NodePool.self) else { return false }
            replacements.append(.init(plan: plan, nodePool: nodePool, templateHash: TemplateHash.nodePool(json)))
        }
        if command.method != .drift {
            for candidate in command.candidates {
                await recordOnCandidate(candidate, reason: "ConsolidationCandidate", message: command.eventMessage, warning: false)
            }
        }
        let candidates = command.candidates.map { DisruptionOrchestrator.Candidate(nodeClaim: $0.nodeClaimName, node: $0.nodeName) }
        let started = await orchestrator.start(reason: command.reason.rawValue, candidates: candidates, replacements: replacements)
        if started {
            metrics.disruptionDecision(decision: command.decision.rawValue, reason: command.reason.rawValue, method: command.method.rawValue)
            await marker.reset()
        }
        return started
    }

    func makeInput() async -> DisruptionInput {
        let objects = await state.objects()
        let busy = await orchestrator.busy()
        let options = DisruptionOptions(spotToSpotConsolidation: settings.spotToSpotConsolidation,
                                        disruptingNodes: busy.nodes.union(busy.nodeClaims),
                                        nominatedNodes: await state.nominatedNodes(),
                                        // Written by `DisruptionConditionsReconciler` just before, cloud drift included.
                                        conditionSource: .nodeClaimStatus)
        return DisruptionInput(cluster: objects, source: instanceTypes.source(applying: unavailable), now: Date(), options: options)
    }

    private func publish(_ planned: [PlannedEvent]) async {
        for event in planned {
            let object: JSONValue?
            switch event.kind {
            case .node: object = await informers.nodes.get(ObjectKey(namespace: nil, name: event.name))
            case .nodeClaim: object = await informers.nodeClaims.get(ObjectKey(namespace: nil, name: event.name))
            case .nodePool: object = await informers.nodePools.get(ObjectKey(namespace: nil, name: event.name))
            }
            guard let object else { continue }
            await events.record(object, warning: event.type == "Warning", reason: event.reason, message: event.message)
        }
    }

    private func recordOnCandidate(_ candidate: Candidate, reason: String, message: String, warning: Bool) async {
        if let node = await informers.nodes.get(ObjectKey(namespace: nil, name: candidate.nodeName)) {
            await events.record(node, warning: warning, reason: reason, message: message)
        }
        if let claim = await informers.nodeClaims.get(ObjectKey(namespace: nil, name: candidate.nodeClaimName)) {
            await events.record(claim, warning: warning, reason: reason, message: message)
        }
    }
}
