import KarpenterAPI

/// Runs the scheduler with tracing and turns the trace of one pod into a `PodExplanation`.
public enum PodExplainer {
    /// How many of the cheapest fitting instance types to list.
    public static let fitsShown = 5

    public static func explain(_ podKey: String, in build: SnapshotBuild) -> PodExplanation? {
        guard let pod = build.snapshot.pendingPods.first(where: { PodLookup.key($0) == podKey }) else { return nil }
        var snapshot = build.snapshot
        snapshot.options.recordTrace = true
        let result = Scheduler.solve(snapshot)
        return explain(pod, key: podKey, build: build, result: result)
    }

    static func explain(_ pod: Pod, key: String, build: SnapshotBuild, result: SchedulingResult) -> PodExplanation {
        let trace = result.traces[key]
        let outcome = outcome(of: key, in: result)
        let nodes = nodeVerdicts(pod, trace: trace, build: build, outcome: outcome)
        let (fits, basis) = cheapestFits(pod, build: build)
        return PodExplanation(pod: key, origin: build.podOrigins[key], requests: PodRequests.of(pod), outcome: outcome,
                              kubeScheduler: KubeSchedulerSummary(nodes: nodes),
                              nodePools: nodePoolVerdicts(pod, trace: trace, build: build, outcome: outcome),
                              nodes: nodes, cheapestFits: fits, cheapestFitsBasis: basis,
                              relaxations: trace?.relaxations ?? [])
    }

    static func outcome(of key: String, in result: SchedulingResult) -> PodExplanation.Outcome {
        if let node = result.existingPlacements[key] { return .existingNode(node) }
        if let claim = result.nodeClaims.first(where: { $0.pods.contains(key) }) { return .nodeClaim(claim) }
        if let ignored = result.ignored.first(where: { $0.pod == key }) { return .ignored(ignored) }
        if let failed = result.unschedulable.first(where: { $0.pod == key }) { return .unschedulable(failed) }
        return .unschedulable(UnschedulablePod(pod: key, reason: "the scheduler did not report this pod", failures: []))
    }

    static func nodeVerdicts(_ pod: Pod, trace: PodTrace?, build: SnapshotBuild, outcome: PodExplanation.Outcome) -> [NodeVerdict] {
        build.snapshot.existingNodes.map { node in
            if node.node?.spec.unschedulable == true {
                return NodeVerdict(name: node.name, fits: false, failure: nil,
                                   kubeSchedulerReasons: ["node(s) were unschedulable"], note: "cordoned (spec.unschedulable)")
            }
            guard let attempt = trace?.attempts.last(where: { $0.candidate == .existingNode(node.name) }) else {
                let note: String
                if case .existingNode(let chosen) = outcome { note = "not evaluated: the pod fits \(chosen) first" }
                else if case .ignored = outcome { note = "not evaluated: the scheduler ignores this pod" }
                else { note = "not evaluated" }
                return NodeVerdict(name: node.name, fits: false, failure: nil, kubeSchedulerReasons: [], note: note)
            }
            guard let failure = attempt.failure else {
                return NodeVerdict(name: node.name, fits: true, failure: nil, kubeSchedulerReasons: [], note: nil)
            }
            return NodeVerdict(name: node.name, fits: false, failure: failure,
                               kubeSchedulerReasons: KubeSchedulerSummary.reasons(for: failure, pod: pod, node: node), note: nil)
        }
    }

    static func nodePoolVerdicts(_ pod: Pod, trace: PodTrace?, build: SnapshotBuild, outcome: PodExplanation.Outcome) -> [NodePoolVerdict] {
        build.nodePools.map { summary in
            var verdict = NodePoolVerdict(name: summary.name, instanceTypes: summary.instanceTypeCount, fits: false)
            if let attempt = trace?.attempts.last(where: { $0.candidate == .nodePool(summary.name) }) {
                verdict.fits = attempt.failure == nil
                verdict.failure = attempt.failure
                if let code = attempt.failure?.code, code == .insufficientResources || code == .noInstanceType,
                   let pool = build.snapshot.nodePools.first(where: { $0.metadata.name == summary.name }) {
                    verdict.detail = ResourceShortfall.describe(pod, nodePool: pool, types: build.snapshot.instanceTypes[summary.name] ?? [])
                }
                return verdict
            }
            switch outcome {
            case .existingNode(let node):
                verdict.note = "not needed: the pod fits existing node \(node)"
            case .nodeClaim(let claim) where claim.nodePool == summary.name:
                verdict.fits = true
                verdict.note = "the pod joins \(claim.name), planned for \(claim.pods.count - 1) other pod(s)"
            case .nodeClaim(let claim):
                verdict.note = "not needed: the pod joins \(claim.name)"
            case .ignored(let ignored):
                verdict.note = "not evaluated: \(ignored.reason)"
            case .unschedulable:
                if let problem = summary.problem {
                    verdict.failure = SchedulingFailure(.noInstanceTypesInNodePool, problem, hint: summary.hint, candidate: "nodepool/\(summary.name)")
                } else {
                    verdict.note = "not evaluated"
                }
            }
            return verdict
        }
    }

    /// The pod alone on an empty cluster: the types the scheduler keeps for its NodeClaim are
    /// exactly those that fit it. When no NodePool accepts the pod, fall back to resources.
    static func cheapestFits(_ pod: Pod, build: SnapshotBuild) -> ([InstanceTypeFit], String) {
        var solo = build.snapshot
        solo.pendingPods = [pod]
        solo.existingNodes = []
        solo.options.recordTrace = false
        if let claim = Scheduler.solve(solo).nodeClaims.first {
            let fits = claim.instanceTypes.prefix(fitsShown).map {
                InstanceTypeFit(name: $0.name, nodePool: claim.nodePool, zone: $0.zone, capacityType: $0.capacityType,
                                price: $0.price, allocatable: $0.allocatable)
            }
            return (Array(fits), "nodepool/\(claim.nodePool)")
        }
        let requests = PodRequests.of(pod)
        var seen: Set<String> = []
        var fits: [InstanceTypeFit] = []
        for summary in build.nodePools {
            for type in build.snapshot.instanceTypes[summary.name] ?? [] where seen.insert(type.name).inserted {
                guard requests.fits(in: type.allocatable),
                      let offering = type.availableOfferings.min(by: { $0.price < $1.price }) else { continue }
                fits.append(InstanceTypeFit(name: type.name, nodePool: nil, zone: offering.zone, capacityType: offering.capacityType,
                                            price: offering.price, allocatable: type.allocatable))
            }
        }
        fits.sort { $0.price != $1.price ? $0.price < $1.price : $0.name < $1.name }
        return (Array(fits.prefix(fitsShown)), "resources")
    }
}
