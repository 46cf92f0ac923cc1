import Foundation
import KarpenterAPI
import KarpenterScheduling

/// `kubectl karpenter explain pod NAME -n NS` against a live cluster: the offline explanation
/// (same `PodExplainer`, same renderers) of the cluster's snapshot, plus the pod's events and,
/// for a running pod, why it runs where it does. Pure: the objects are fetched by the caller.
enum LiveExplanation {
    /// What to list: every namespace's pods and DaemonSets (they shape nodes and topology), the
    /// Karpenter objects and nodes, and the pod events of `namespace`.
    static func query(namespace: String) -> ClusterQuery {
        ClusterQuery(resources: [.nodePools, .nodeClaims, .nodeClasses, .nodes, .pods, .daemonSets, .events],
                     podEventsNamespace: namespace)
    }

    /// With the embedded Azure catalog of the cluster's region (or `region`).
    static func render(_ objects: ClusterObjects, namespace: String, name: String, format: OutputFormat,
                       terminal: Terminal, now: Date, region: String? = nil) -> CommandOutput {
        let (catalogRegion, warning) = ClusterCatalog.region(for: objects, override: region)
        let source: InstanceTypeSource
        do throws(CLIError) {
            source = try ClusterCatalog.source(region: catalogRegion)
        } catch {
            return .failure("error: \(error.description)", code: error.exitCode.rawValue)
        }
        var output = render(objects, namespace: namespace, name: name, format: format, terminal: terminal, now: now,
                            source: source, prices: ClusterCatalog.prices(region: catalogRegion))
        if let warning { output.stderr = output.stderr.isEmpty ? warning : warning + "\n" + output.stderr }
        return output
    }

    static func render(_ objects: ClusterObjects, namespace: String, name: String, format: OutputFormat,
                       terminal: Terminal, now: Date, source: InstanceTypeSource, prices: InstancePrices) -> CommandOutput {
        let build = SnapshotBuilder(source: source).build(objects)
        let diagnostics = build.diagnostics.filter { $0.severity != .note }.map(\.description).joined(separator: "\n")
        switch report(objects, build: build, namespace: namespace, name: name, prices: prices) {
        case .failure(let failure):
            return .failure("error: \(failure.message)")
        case .success(let report):
            let text: String
            switch format {
            case .text: text = LiveExplanationText(terminal: terminal, now: now).render(report)
            case .json: text = JSONWriter.string(LiveExplanationJSON.render(report), pretty: true)
            case .yaml: text = YAMLWriter.string(LiveExplanationJSON.render(report))
            }
            return CommandOutput(stdout: text, stderr: diagnostics)
        }
    }

    static func report(_ objects: ClusterObjects, build: SnapshotBuild, namespace: String, name: String,
                       prices: InstancePrices) -> Result<LivePodReport, LookupFailure> {
        let pod: Pod
        var notes: [String] = []
        switch LivePodLookup.find(name, namespace: namespace, in: objects.pods) {
        case .notFound(let message): return .failure(LookupFailure(message: message))
        case .found(let found, let note):
            pod = found
            if let note { notes.append(note) }
        }
        let key = "\(pod.metadata.namespace ?? "default")/\(pod.metadata.name ?? "")"
        let status = LivePodStatus(pod)
        let events = PodEvents(objects.events, pod: pod)
        func report(_ body: LivePodReport.Body) -> Result<LivePodReport, LookupFailure> {
            .success(LivePodReport(key: key, notes: notes, body: body, status: status, events: events))
        }
        if pod.metadata.deletionTimestamp != nil {
            return report(.inactive("the pod is terminating (deletionTimestamp \(pod.metadata.deletionTimestamp ?? "")); Karpenter ignores it"))
        }
        if PodEligibility.isTerminal(pod) {
            return report(.inactive("the pod has finished (phase \(status.phase)); it needs no node"))
        }
        if let node = status.nodeName {
            guard let placement = PodPlacementExplainer.explain(key, in: build, prices: prices) else {
                return report(.inactive("the pod is bound to node \(node), which is not in the cluster listing (it may have just gone)"))
            }
            return report(.running(placement))
        }
        if build.snapshot.pendingPods.contains(where: { PodLookup.key($0) == key }),
           let explanation = PodExplainer.explain(key, in: build) {
            return report(.pending(explanation))
        }
        guard let waiting = build.notProvisionable.first(where: { $0.key == key }),
              let treated = build.treatingAsPending(key), let explanation = PodExplainer.explain(key, in: treated) else {
            return report(.inactive("the pod is not in the snapshot of the cluster"))
        }
        notes.append(note(for: waiting.reason, pod: pod))
        return report(.pending(explanation))
    }

    struct LookupFailure: Error {
        var message: String
    }

    /// Why Karpenter is not acting on an unbound pod yet, said before the explanation.
    static func note(for reason: NotProvisionablePod.Reason, pod: Pod) -> String {
        let below = "Below is what Karpenter would do once it does."
        switch reason {
        case .awaitingKubeScheduler:
            let scheduler = pod.spec.schedulerName.flatMap { $0 == "default-scheduler" || $0.isEmpty ? nil : $0 }
            return "kube-scheduler has not marked this pod Unschedulable yet (no PodScheduled=False condition with reason Unschedulable); "
                + "Karpenter acts only on pods it marks"
                + (scheduler.map { " (the pod asks for scheduler \"\($0)\")" } ?? "") + ". " + below
        case .schedulingReason(let reason):
            return "PodScheduled is False with reason \(reason), not Unschedulable; Karpenter acts only on Unschedulable pods. "
                + "Below is what Karpenter would do if kube-scheduler marked it Unschedulable."
        case .nominated(let node):
            return "preemption nominated this pod to node \(node); Karpenter leaves it to kube-scheduler while it is nominated. "
                + "Below is what Karpenter would do if it were not."
        case .daemonSet:
            return "this is a DaemonSet pod: its DaemonSet places it, and Karpenter counts it as node overhead instead of provisioning for it."
        case .staticPod:
            return "this is a static pod: the kubelet of its node runs it; Karpenter does not provision for it."
        case .finished, .terminating:
            return "Karpenter ignores this pod (\(reason))."
        }
    }
}
