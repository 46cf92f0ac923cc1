import KarpenterAPI
import KarpenterScheduling

/// Turns a scheduler plan into the NodeClaim object to create (SCHEDULING.md §5.4).
enum NodeClaimFactory {
    /// - Parameter templateHash: `TemplateHash.nodePool` of the NodePool object the plan came from.
    static func nodeClaim(for plan: PlannedNodeClaim, nodePool: NodePool, templateHash: String) -> NodeClaim {
        let template = nodePool.spec.template
        var labels = template.metadata?.labels ?? [:]
        for (key, value) in plan.labels where key != WellKnownLabel.hostname { labels[key] = value }
        labels[WellKnownLabel.nodePool] = plan.nodePool
        var annotations = template.metadata?.annotations ?? [:]
        annotations[KarpenterAnnotation.nodePoolHash] = templateHash
        annotations[KarpenterAnnotation.nodePoolHashVersion] = TemplateHash.version

        let owner = OwnerReference(apiVersion: KarpenterAPIGroup.coreV1, kind: KarpenterKind.nodePool,
                                   name: nodePool.metadata.name ?? plan.nodePool, uid: nodePool.metadata.uid ?? "",
                                   blockOwnerDeletion: true)
        let metadata = ObjectMeta(generateName: "\(plan.nodePool)-", labels: labels, annotations: annotations,
                                  ownerReferences: nodePool.metadata.uid == nil ? nil : [owner])
        let requests = plan.requests.quantities.filter { !$0.value.isZero }
        let spec = NodeClaimSpec(nodeClassRef: template.spec.nodeClassRef, requirements: requirements(plan.requirements),
                                 taints: template.spec.taints, startupTaints: template.spec.startupTaints,
                                 resources: NodeClaimResources(requests: requests),
                                 expireAfter: template.spec.expireAfter, terminationGracePeriod: template.spec.terminationGracePeriod)
        return NodeClaim(metadata: metadata, spec: spec)
    }

    /// The plan's requirements as the API takes them, without keys a NodeClaim may not carry
    /// (the scheduler's simulation-only `karpenter.sh/registered`/`initialized`, the hostname).
    static func requirements(_ requirements: Requirements) -> [NodeSelectorRequirementWithMinValues] {
        requirements.inputs.filter { isAllowedRequirementKey($0.key) }.map { input in
            NodeSelectorRequirementWithMinValues(key: input.key, operator: NodeSelectorOperator(rawValue: input.operator),
                                                 values: input.values.isEmpty ? nil : input.values, minValues: input.minValues)
        }
    }

    /// API.md §2.3 for NodeClaims: the restricted domains with their allow-lists.
    static func isAllowedRequirementKey(_ key: String) -> Bool {
        if key == WellKnownLabel.hostname { return false }
        let domain = key.split(separator: "/", maxSplits: 1).first.map(String.init) ?? key
        if domain.hasSuffix("karpenter.sh") {
            return key == WellKnownLabel.capacityType || key == WellKnownLabel.nodePool
        }
        if domain.hasSuffix("karpenter.azure.com") {
            return azureAllowed.contains(key)
        }
        if domain.hasSuffix("kubernetes.azure.com") {
            return aksAllowed.contains(key)
        }
        return !["agentpool", "storageprofile", "storagetier", "accelerator"].contains(key)
    }

    private static let azureAllowed: Set<String> = Set([
        "aksnodeclass", "sku-name", "sku-family", "sku-series", "sku-version", "sku-cpu", "sku-memory",
        "sku-networking-accelerated", "sku-storage-premium-capable", "sku-storage-ultra-ssd",
        "sku-storage-ephemeralos-maxsize", "sku-gpu-name", "sku-gpu-manufacturer", "sku-gpu-count", "placement-scope",
    ].map { "karpenter.azure.com/\($0)" })

    private static let aksAllowed: Set<String> = Set([
        "mode", "scalesetpriority", "priority", "fips_enabled", "os-sku", "cluster", "sku-cpu", "sku-memory",
        "ebpf-dataplane", "ebpf-host-routing", "network-policy", "hostedvm",
    ].map { "kubernetes.azure.com/\($0)" })
}
