/// The controller's metric families (ECOSYSTEM.md §5.1 names) and one method per event.
public struct ControllerMetrics: Sendable {
    public let registry: MetricsRegistry

    /// controller-runtime's buckets extended to 600 s, as Karpenter's duration histograms use.
    static let durationBuckets: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 30, 60, 120, 300, 600]

    enum Name {
        static let created = "karpenter_nodeclaims_created_total"
        static let launched = "karpenter_nodeclaims_launched_total"
        static let registered = "karpenter_nodeclaims_registered_total"
        static let initialized = "karpenter_nodeclaims_initialized_total"
        static let terminated = "karpenter_nodeclaims_terminated_total"
        static let pendingPods = "karpenter_pods_pending"
        static let unschedulablePods = "karpenter_scheduler_unschedulable_pods_count"
        static let schedulingDuration = "karpenter_scheduler_scheduling_duration_seconds"
        static let cloudDuration = "karpenter_cloudprovider_duration_seconds"
        static let cloudErrors = "karpenter_cloudprovider_errors_total"
        static let leader = "leader_election_master_status"
    }

    public init(registry: MetricsRegistry = MetricsRegistry()) {
        self.registry = registry
        for (name, verb) in [(Name.created, "created by the provisioner"), (Name.launched, "launched by the cloud provider"),
                             (Name.registered, "whose Node registered"), (Name.initialized, "whose Node initialized"),
                             (Name.terminated, "whose instance was terminated")] {
            registry.register(name, .counter, help: "Number of NodeClaims \(verb).", labels: ["nodepool"])
        }
        registry.register(Name.pendingPods, .gauge, help: "Provisionable pods seen by the last provisioning pass.")
        registry.register(Name.unschedulablePods, .gauge, help: "Pods the last provisioning pass could not place.")
        registry.register(Name.schedulingDuration, .histogram, help: "Duration of a scheduling simulation in seconds.",
                          labels: ["controller"], buckets: Self.durationBuckets)
        registry.register(Name.cloudDuration, .histogram, help: "Duration of cloud provider calls in seconds.",
                          labels: ["controller", "method", "provider"], buckets: Self.durationBuckets)
        registry.register(Name.cloudErrors, .counter, help: "Failed cloud provider calls.",
                          labels: ["controller", "method", "provider", "error"])
        registry.register(Name.leader, .gauge, help: "1 while this replica leads.", labels: ["name"])
    }

    func nodeClaimCreated(_ nodePool: String) { registry.add(Name.created, labels: [nodePool]) }
    func nodeClaimLaunched(_ nodePool: String) { registry.add(Name.launched, labels: [nodePool]) }
    func nodeClaimRegistered(_ nodePool: String) { registry.add(Name.registered, labels: [nodePool]) }
    func nodeClaimInitialized(_ nodePool: String) { registry.add(Name.initialized, labels: [nodePool]) }
    func nodeClaimTerminated(_ nodePool: String) { registry.add(Name.terminated, labels: [nodePool]) }

    func provisioningPass(pending: Int, unschedulable: Int, seconds: Double) {
        registry.set(Name.pendingPods, Double(pending))
        registry.set(Name.unschedulablePods, Double(unschedulable))
        registry.observe(Name.schedulingDuration, seconds, labels: ["provisioner"])
    }

    func cloudCall(controller: String, method: String, provider: String, seconds: Double, error: String?) {
        registry.observe(Name.cloudDuration, seconds, labels: [controller, method, provider])
        if let error { registry.add(Name.cloudErrors, labels: [controller, method, provider, error]) }
    }

    func leading(_ name: String, _ isLeader: Bool) { registry.set(Name.leader, isLeader ? 1 : 0, labels: [name]) }
}
