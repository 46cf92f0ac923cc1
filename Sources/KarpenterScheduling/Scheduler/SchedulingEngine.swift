import KarpenterAPI

/// One scheduling pass over a snapshot (SCHEDULING.md §4–§7). Mutable working state lives
/// here; `Scheduler.solve` is the pure entry point.
struct SchedulingEngine {
    private let options: SchedulerOptions
    private let wellKnown: LabelKeySet
    private let templates: [NodePoolTemplate]
    private let droppedNodePools: [(String, SchedulingFailure)]
    private let existing: [ExistingNodeState]
    private let topology: Topology
    private let relaxation: Relaxation
    private let pods: [SchedulingPod]
    private var ignored: [UnschedulablePod] = []
    private var claims: [SimulatedNodeClaim] = []
    private var claimOrder = NodeClaimOrder()
    private var placements: [String: String] = [:]
    private var traces: [String: PodTrace] = [:]
    private let offeringCache: OfferingCompatibilityCache

    init(snapshot: SchedulingSnapshot) {
        options = snapshot.options
        wellKnown = snapshot.options.wellKnownLabels
        offeringCache = OfferingCompatibilityCache(wellKnown: snapshot.options.wellKnownLabels)
        let daemons = DaemonSetPods(snapshot.daemonSets)

        var startupTaints: [String: [Taint]] = [:]
        for nodePool in snapshot.nodePools {
            startupTaints[nodePool.metadata.name ?? ""] = nodePool.spec.template.spec.startupTaints ?? []
        }
        let existing = snapshot.existingNodes
            .compactMap { ExistingNodeState($0, startupTaints: startupTaints, daemons: daemons) }
            .sorted { $0.initialized != $1.initialized ? $0.initialized : $0.name < $1.name }
        self.existing = existing

        let built = TemplateBuilder(wellKnown: wellKnown, daemons: daemons)
            .build(snapshot.nodePools, instanceTypes: snapshot.instanceTypes, existing: existing)
        templates = built.templates
        droppedNodePools = built.dropped
        relaxation = Relaxation(preferNoScheduleExists: templates.contains { $0.hasPreferNoScheduleTaint })

        var boundPods: [Topology.BoundPod] = []
        var nodesByName: [String: ExistingNodeState] = [:]
        for node in existing { nodesByName[node.name] = node }
        for input in snapshot.existingNodes {
            guard let node = nodesByName[input.name] else { continue }
            for pod in input.pods where !PodEligibility.isTerminal(pod) && pod.metadata.deletionTimestamp == nil {
                boundPods.append(Topology.BoundPod(namespace: pod.metadata.namespace ?? "default",
                                                   labels: pod.metadata.labels ?? [:],
                                                   nodeRequirements: node.requirements, nodeTaints: node.taints))
            }
        }
        for pod in snapshot.otherPods {
            guard let nodeName = pod.spec.nodeName, let node = nodesByName[nodeName], !PodEligibility.isTerminal(pod) else { continue }
            boundPods.append(Topology.BoundPod(namespace: pod.metadata.namespace ?? "default", labels: pod.metadata.labels ?? [:],
                                               nodeRequirements: node.requirements, nodeTaints: node.taints))
        }
        topology = Topology(domainSource: TemplateDomains(templates: templates, existingNodes: existing),
                            clusterPods: boundPods, wellKnown: wellKnown)
        for input in snapshot.existingNodes {
            guard let node = nodesByName[input.name] else { continue }
            for pod in input.pods {
                let terms = pod.spec.affinity?.podAntiAffinity?.required ?? []
                if !terms.isEmpty {
                    topology.registerBound(namespace: pod.metadata.namespace ?? "default", antiAffinity: terms,
                                           nodeRequirements: node.requirements)
                }
            }
        }

        var accepted: [SchedulingPod] = []
        var ignored: [UnschedulablePod] = []
        for pod in snapshot.pendingPods {
            let candidate = SchedulingPod(pod, preferencePolicy: options.preferencePolicy)
            if let refusal = PodEligibility.refusal(pod) {
                ignored.append(UnschedulablePod(pod: candidate.key, reason: refusal.message, failures: [refusal]))
            } else {
                accepted.append(candidate)
            }
        }
        self.ignored = ignored
        pods = accepted.sorted(by: Self.queueOrder)
        for pod in pods { topology.register(pod) }
        topology.finishRegistration(pods)
    }

    /// CPU descending, memory descending, older first, then UID (SCHEDULING.md §4.1).
    static func queueOrder(_ a: SchedulingPod, _ b: SchedulingPod) -> Bool {
        if a.requests.cpuMillis != b.requests.cpuMillis { return a.requests.cpuMillis > b.requests.cpuMillis }
        if a.requests.memoryBytes != b.requests.memoryBytes { return a.requests.memoryBytes > b.requests.memoryBytes }
        if a.creationTimestamp != b.creationTimestamp { return a.creationTimestamp < b.creationTimestamp }
        return a.uid < b.uid
    }

    mutating func run() -> SchedulingResult {
        var queue = PodQueue(pods)
        var failures: [ObjectIdentifier: SchedulingFailureSet] = [:]
        while let pod = queue.pop() {
            var relaxed = false
            var outcome = add(pod)
            while case .failure = outcome, let step = relaxation.relax(pod) {
                pod.relaxations.append(step)
                topology.register(pod)
                relaxed = true
                outcome = add(pod)
            }
            switch outcome {
            case .success:
                failures[ObjectIdentifier(pod)] = nil
            case .failure(let failure):
                failures[ObjectIdentifier(pod)] = failure
                queue.push(pod, relaxed: relaxed)
            }
        }
        var unschedulable: [UnschedulablePod] = []
        for pod in pods {
            guard let failure = failures[ObjectIdentifier(pod)] else { continue }
            unschedulable.append(UnschedulablePod(pod: pod.key, reason: failure.summary, failures: failure.failures))
            if options.recordTrace { traces[pod.key]?.outcome = nil }
        }
        var finalizer = NodeClaimFinalizer(options: options)
        let planned = finalizer.finalize(claims)
        for (podKey, failure) in finalizer.droppedPods {
            unschedulable.append(UnschedulablePod(pod: podKey, reason: failure.message, failures: [failure]))
        }
        return SchedulingResult(nodeClaims: planned, existingPlacements: placements, unschedulable: unschedulable,
                                ignored: ignored, traces: traces)
    }

    // MARK: placing one pod

    private mutating func add(_ pod: SchedulingPod) -> Result<Void, SchedulingFailureSet> {
        var attempts: [CandidateAttempt] = []
        let tracing = options.recordTrace
        defer {
            if tracing {
                traces[pod.key] = PodTrace(pod: pod.key, attempts: attempts, relaxations: pod.relaxations,
                                           outcome: outcome(of: attempts))
            }
        }
        for node in existing {
            if let failure = check(pod, on: node) {
                if tracing { attempts.append(CandidateAttempt(candidate: .existingNode(node.name), failure: failure)) }
                continue
            }
            commit(pod, to: node)
            if tracing { attempts.append(CandidateAttempt(candidate: .existingNode(node.name), failure: nil)) }
            return .success(())
        }
        var accepted: (SimulatedNodeClaim, NodeClaimAdmission)?
        let skipClaims = !tracing && topology.blocksEveryClaim(pod, claimCount: claims.count)
        search: for bucket in claimOrder.buckets where !skipClaims {
            for claim in bucket {
                switch tryClaim(pod, claim, detailed: tracing) {
                case .success(let admission):
                    accepted = (claim, admission)
                    break search
                case .failure(let failure):
                    if tracing { attempts.append(CandidateAttempt(candidate: .inFlightNodeClaim(claim.name), failure: failure)) }
                }
            }
        }
        if let (claim, admission) = accepted {
            commit(pod, to: claim, admission)
            if tracing { attempts.append(CandidateAttempt(candidate: .inFlightNodeClaim(claim.name), failure: nil)) }
            return .success(())
        }
        if templates.isEmpty {
            let failure = noNodePoolFailure()
            if tracing { attempts += droppedNodePools.map { CandidateAttempt(candidate: .nodePool($0.0), failure: $0.1) } }
            return .failure(SchedulingFailureSet(failures: [failure], summary: failure.message))
        }
        var templateFailures: [SchedulingFailure] = []
        for template in templates {
            switch newClaim(for: pod, from: template) {
            case .success:
                if tracing { attempts.append(CandidateAttempt(candidate: .nodePool(template.name), failure: nil)) }
                return .success(())
            case .failure(var failure):
                failure.candidate = "nodepool/\(template.name)"
                templateFailures.append(failure)
                if tracing { attempts.append(CandidateAttempt(candidate: .nodePool(template.name), failure: failure)) }
            }
        }
        if tracing { attempts += droppedNodePools.map { CandidateAttempt(candidate: .nodePool($0.0), failure: $0.1) } }
        let summary = templateFailures.map { "incompatible with nodepool \"\($0.candidate?.dropFirst(9) ?? "")\", \($0.message)" }
            .joined(separator: "; ")
        return .failure(SchedulingFailureSet(failures: templateFailures, summary: summary))
    }

    /// Where the accepting attempt put the pod; a NodePool's acceptance is the newest NodeClaim.
    private func outcome(of attempts: [CandidateAttempt]) -> String? {
        switch attempts.last(where: { $0.failure == nil })?.candidate {
        case .existingNode(let name): return "node/\(name)"
        case .inFlightNodeClaim(let name): return "nodeclaim/\(name)"
        case .nodePool: return claims.last.map { "nodeclaim/\($0.name)" }
        case nil: return nil
        }
    }

    private func noNodePoolFailure() -> SchedulingFailure {
        if droppedNodePools.isEmpty {
            return SchedulingFailure(.noNodePools, "no dynamic nodepools found",
                                     hint: "create a NodePool (and its AKSNodeClass); without one Karpenter cannot launch nodes")
        }
        let names = droppedNodePools.map(\.0).joined(separator: ", ")
        return SchedulingFailure(.noInstanceTypesInNodePool, "nodepool requirements filtered out all available instance types (\(names))",
                                 hint: droppedNodePools.first?.1.hint)
    }

    // MARK: existing nodes

    private func check(_ pod: SchedulingPod, on node: ExistingNodeState) -> SchedulingFailure? {
        for taint in node.taints where !pod.tolerates(taint) {
            return TaintText.failure(taint)
        }
        if let port = HostPort.firstConflict(pod.hostPorts, node.hostPorts) {
            return SchedulingFailure(.hostPortConflict, "pod hostport conflicts with existing hostport configuration (\(port.proto) \(port.ip):\(port.port))",
                                     hint: "another pod on this node already uses that host port")
        }
        let free = node.available - node.daemonRemaining
        if !pod.requests.fits(in: free) {
            return ResourceText.insufficient(pod.requests, free: free)
        }
        if let incompatibility = node.requirements.firstIncompatibility(with: pod.requirements) {
            return RequirementText.failure(incompatibility, onNode: true)
        }
        if topology.constrains(pod) {
            switch topology.requirements(for: pod, on: node.requirements, detailed: true) {
            case .failure(let failure): return failure
            case .success(let extra):
                if let incompatibility = node.requirements.firstIncompatibility(with: extra) {
                    return RequirementText.failure(incompatibility, onNode: true)
                }
            }
        }
        return nil
    }

    private mutating func commit(_ pod: SchedulingPod, to node: ExistingNodeState) {
        node.available = node.available - pod.requests
        node.hostPorts += pod.hostPorts
        topology.record(pod, on: node.requirements, taints: node.taints)
        placements[pod.key] = node.name
    }

    // MARK: NodeClaims

    private func tryClaim(_ pod: SchedulingPod, _ claim: SimulatedNodeClaim, detailed: Bool) -> Result<NodeClaimAdmission, SchedulingFailure> {
        let template = claim.template
        if !detailed {
            if !(claim.requests + pod.requests).fits(in: claim.largestAllocatable) {
                return .failure(.undetailed(.insufficientResources))
            }
            if topology.hostnameBlocks(pod, host: claim.hostname) {
                return .failure(.undetailed(.topology))
            }
        }
        for taint in template.taints where !pod.tolerates(taint) {
            return .failure(detailed ? TaintText.failure(taint) : .undetailed(.taintNotTolerated))
        }
        if let port = HostPort.firstConflict(pod.hostPorts, claim.hostPorts) {
            guard detailed else { return .failure(.undetailed(.hostPortConflict)) }
            return .failure(SchedulingFailure(.hostPortConflict, "pod hostport conflicts with existing hostport configuration (\(port.proto) \(port.ip):\(port.port))",
                                              hint: "pods on one node cannot share a host port"))
        }
        var narrowed = claim.requirements
        var changed: [LabelKey] = []
        if !pod.requirements.isEmpty {
            switch narrowed.narrow(by: pod.requirements, allowUndefined: wellKnown) {
            case .failure(let incompatibility):
                return .failure(detailed ? RequirementText.failure(incompatibility, onNode: false) : .undetailed(.incompatibleRequirements))
            case .success(let narrowedByPod):
                changed = narrowedByPod
            }
        }
        if topology.constrains(pod) {
            if !detailed, !topology.admits(pod, on: narrowed) {
                return .failure(.undetailed(.topology))
            }
            switch topology.requirements(for: pod, on: narrowed, detailed: detailed) {
            case .failure(let failure):
                return .failure(failure)
            case .success(let extra):
                switch narrowed.narrow(by: extra, allowUndefined: wellKnown) {
                case .failure(let incompatibility):
                    return .failure(detailed ? RequirementText.failure(incompatibility, onNode: false) : .undetailed(.topology))
                case .success(let narrowedByTopology):
                    changed += narrowedByTopology
                }
            }
        }
        let requests = claim.requests + pod.requests
        if changed.isEmpty, pod.hostPorts.isEmpty, !narrowed.hasMinValues, requests.fits(in: claim.smallestAllocatable) {
            // Every surviving type still fits and nothing else changed: the survivors stand.
            return .success(NodeClaimAdmission(requirements: narrowed, survivors: claim.survivors))
        }
        let filter = InstanceTypeFilter(template: template, wellKnown: wellKnown, offerings: offeringCache)
        let filtered = filter.filter(claim.survivors, requirements: narrowed,
                                     changedKeys: changed,
                                     requests: requests, hostPorts: claim.hostPorts + pod.hostPorts, detailed: detailed)
        switch filtered {
        case .failure(let failure):
            return .failure(failure)
        case .success(let kept):
            if narrowed.hasMinValues, options.minValuesPolicy == .strict {
                let result = narrowed.satisfiesMinValues(kept.map { template.instanceTypes[Int($0)] })
                if let text = result.errorDescription {
                    return .failure(SchedulingFailure(.minValues, "\(text), requirements=\(narrowed), resources=\(requests)",
                                                      hint: "lower minValues or widen the NodePool's requirements so more instance types remain"))
                }
            }
            return .success(NodeClaimAdmission(requirements: narrowed, survivors: kept))
        }
    }

    private mutating func commit(_ pod: SchedulingPod, to claim: SimulatedNodeClaim, _ admission: NodeClaimAdmission) {
        claim.requirements = admission.requirements
        if claim.survivors.count != admission.survivors.count { claim.survivors = admission.survivors }
        claim.pods.append(pod)
        claim.requests = claim.requests + pod.requests
        claim.hostPorts += pod.hostPorts
        topology.record(pod, on: claim.requirements, taints: claim.template.taints)
        claimOrder.podAdded(to: claim)
    }

    private mutating func newClaim(for pod: SchedulingPod, from template: NodePoolTemplate) -> Result<Void, SchedulingFailure> {
        if let nodes = template.limits.remainingNodes, nodes <= 0 {
            return .failure(SchedulingFailure(.nodeLimitExhausted, "node limits have been exhausted for nodepool",
                                              hint: "raise spec.limits.nodes of NodePool \(template.name)"))
        }
        var survivors: [Int32] = []
        survivors.reserveCapacity(template.instanceTypes.count)
        var firstExceeded: (String, Int64)?
        for (index, instanceType) in template.instanceTypes.enumerated() {
            if template.limits.allows(instanceType.capacity) {
                survivors.append(Int32(index))
            } else if firstExceeded == nil {
                firstExceeded = template.limits.exceeded(by: instanceType.capacity)
            }
        }
        if survivors.isEmpty {
            let detail = firstExceeded.map { " (\($0.0) has \(ResourceText.amount($0.1, of: $0.0)) left)" } ?? ""
            return .failure(SchedulingFailure(.nodePoolLimit, "all available instance types exceed limits for nodepool\(detail)",
                                              hint: "raise spec.limits of NodePool \(template.name), or remove nodes it no longer needs"))
        }
        let claim = SimulatedNodeClaim(id: claims.count + 1, template: template, survivors: survivors)
        topology.registerClaimHost(claim.hostname)
        switch tryClaim(pod, claim, detailed: true) {
        case .failure(let failure):
            return .failure(failure)
        case .success(let admission):
            claims.append(claim)
            claimOrder.append(claim)
            commit(pod, to: claim, admission)
            template.limits.subtract(claim.largestCapacity)
            return .success(())
        }
    }
}

/// The failures of one pod's attempt with the one-line summary upstream would log.
struct SchedulingFailureSet: Error {
    var failures: [SchedulingFailure]
    var summary: String
}
