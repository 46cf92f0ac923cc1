extension ControllerMetrics {
    enum DisruptionName {
        static let decisions = "karpenter_voluntary_disruption_decisions_total"
        static let evaluationDuration = "karpenter_voluntary_disruption_decision_evaluation_duration_seconds"
    }

    func registerDisruptionMetrics() {
        registry.register(DisruptionName.decisions, .counter, help: "Disruption decisions carried out.",
                          labels: ["decision", "reason", "consolidation_type"])
        registry.register(DisruptionName.evaluationDuration, .histogram, help: "Duration of one disruption planning pass in seconds.",
                          buckets: Self.durationBuckets)
    }

    func disruptionDecision(decision: String, reason: String, method: String) {
        registry.add(DisruptionName.decisions, labels: [decision, reason, method])
    }

    func disruptionPass(seconds: Double) {
        registry.observe(DisruptionName.evaluationDuration, seconds)
    }
}
