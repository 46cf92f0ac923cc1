import KarpenterAPI
import KarpenterAzure
import KarpenterScheduling

/// The labels of a launched instance (LABELS.md §5): what the cloud reports for the NodeClaim,
/// and what the kubelet registers the Node with.
enum NodeLabels {
    /// Labels the controller sets at registration, never the kubelet.
    static let controllerOwned: Set<String> = ["karpenter.sh/registered", "karpenter.sh/initialized"]

    /// §5.1: every single-valued requirement of the instance type and of the offering, and the NodePool.
    static func instance(_ choice: OfferingChoice, nodeClaim: NodeClaim) -> [String: String] {
        var labels = singleValued(choice.instanceType.requirements)
        labels.merge(singleValued(choice.offering.requirements)) { _, offering in offering }
        if let nodePool = nodeClaim.metadata.labels?[WellKnownLabel.nodePool] { labels[WellKnownLabel.nodePool] = nodePool }
        return labels
    }

    /// §5.2: base labels, the NodeClaim's labels and single-valued requirements, the instance
    /// labels and the hostname, kept to what a kubelet may set on its own Node.
    static func kubelet(nodeName: String, choice: OfferingChoice, nodeClaim: NodeClaim, claimRequirements: Requirements) -> [String: String] {
        var labels: [String: String] = [
            AzureLabels.aksMode: "user",
            "kubernetes.azure.com/role": "agent",
            "karpenter.sh/do-not-sync-taints": "true",
        ]
        labels.merge(singleValued(claimRequirements)) { _, new in new }
        labels.merge(instance(choice, nodeClaim: nodeClaim)) { _, new in new }
        labels.merge(nodeClaim.metadata.labels ?? [:]) { _, new in new }
        labels[WellKnownLabel.hostname] = nodeName
        if let arch = labels[WellKnownLabel.arch] { labels["beta.kubernetes.io/arch"] = arch }
        if let os = labels[WellKnownLabel.os] { labels["beta.kubernetes.io/os"] = os }
        return labels.filter { !controllerOwned.contains($0.key) && kubeletMaySet($0.key) }
    }

    static func singleValued(_ requirements: Requirements) -> [String: String] {
        var labels: [String: String] = [:]
        for requirement in requirements where requirement.operator == .in {
            let values = requirement.valueStrings
            if values.count == 1, let value = values.first { labels[requirement.key.name] = value }
        }
        return labels
    }

    private static let kubeletExactKeys: Set<String> = [
        WellKnownLabel.hostname, WellKnownLabel.zone, WellKnownLabel.region, WellKnownLabel.instanceType,
        WellKnownLabel.os, WellKnownLabel.arch, "failure-domain.beta.kubernetes.io/zone",
        "failure-domain.beta.kubernetes.io/region", "beta.kubernetes.io/instance-type",
        "beta.kubernetes.io/os", "beta.kubernetes.io/arch",
    ]

    /// The NodeRestriction rule: kubernetes.io and k8s.io labels only from an allow-list or the
    /// kubelet.kubernetes.io and node.kubernetes.io domains; any other domain is free.
    static func kubeletMaySet(_ key: String) -> Bool {
        if kubeletExactKeys.contains(key) { return true }
        let parts = key.split(separator: "/", maxSplits: 1)
        guard parts.count == 2 else { return true }
        let domain = String(parts[0])
        func within(_ root: String) -> Bool { domain == root || domain.hasSuffix("." + root) }
        if within("kubelet.kubernetes.io") || within("node.kubernetes.io") { return true }
        return !(within("kubernetes.io") || within("k8s.io"))
    }
}
