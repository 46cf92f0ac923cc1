import OrderedCollections

/// Where each v1beta1 NodePool `spec.template.spec.kubelet` field lives on an AKSNodeClass.
enum KubeletToNodeClassMapping {
    /// v1beta1 kubelet field → path inside AKSNodeClass `spec`.
    static let mapped: [String: [String]] = [
        "imageGCHighThresholdPercent": ["kubelet", "imageGCHighThresholdPercent"],
        "imageGCLowThresholdPercent": ["kubelet", "imageGCLowThresholdPercent"],
        "cpuCFSQuota": ["kubelet", "cpuCFSQuota"],
        "maxPods": ["maxPods"],
    ]

    /// Fields of the v1beta1 kubelet block with no AKSNodeClass equivalent, and why.
    static let unmappedReasons: [String: String] = [
        "clusterDNS": "AKS sets the cluster DNS address itself",
        "podsPerCore": "AKSNodeClass has no pods-per-core setting",
        "systemReserved": "AKS computes system reservations from the VM size",
        "kubeReserved": "AKS computes kube reservations from the VM size",
        "evictionHard": "AKS sets hard eviction thresholds itself",
        "evictionSoft": "AKSNodeClass has no soft eviction thresholds",
        "evictionSoftGracePeriod": "AKSNodeClass has no soft eviction thresholds",
        "evictionMaxPodGracePeriod": "AKSNodeClass has no eviction grace period setting",
    ]

    struct Outcome {
        var nodeClassSpec: JSONValue?
        var unmapped: [String]
        var notes: [String]
    }

    static func map(_ kubelet: JSONValue, from source: String) -> Outcome {
        guard case .object(let fields) = kubelet else {
            return Outcome(nodeClassSpec: nil, unmapped: [], notes: ["dropped \(source) because it is not an object"])
        }
        var spec = JSONValue.object(OrderedDictionary())
        var unmapped: [String] = []
        var notes: [String] = []
        for (name, value) in fields {
            if let target = mapped[name] {
                ConversionTree.set(&spec, target, value)
                notes.append("moved \(source).\(name) to AKSNodeClass spec.\(target.joined(separator: "."))")
                if name == "maxPods", let pods = value.integerValue, !(10...250).contains(pods) {
                    notes.append("AKSNodeClass spec.maxPods must be 10–250; \(pods) will be rejected")
                }
            } else {
                unmapped.append("kubelet.\(name)")
                let reason = unmappedReasons[name] ?? "AKSNodeClass has no such kubelet field"
                notes.append("dropped \(source).\(name) because \(reason)")
            }
        }
        let hasMapped = !(spec.objectValue?.isEmpty ?? true)
        return Outcome(nodeClassSpec: hasMapped ? spec : nil, unmapped: unmapped, notes: notes)
    }
}
