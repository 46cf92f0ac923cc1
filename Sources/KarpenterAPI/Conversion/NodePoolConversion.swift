/// NodePool conversion between `karpenter.sh/v1beta1` and `karpenter.sh/v1` (API.md section 5),
/// done on JSON trees so fields neither version knows survive. The facts follow upstream core
/// Karpenter's conversion webhook, including its kubelet compatibility annotation, so that
/// v1beta1 → v1 → v1beta1 gives back an equivalent object.
public enum NodePoolConversion {
    static let spec = ["spec"]
    static let disruption = ["spec", "disruption"]
    static let templateSpec = ["spec", "template", "spec"]
    static let nodeClassRef = templateSpec + ["nodeClassRef"]
    static let annotations = ["metadata", "annotations"]

    /// The AKSNodeClass version a v1beta1 NodePool refers to.
    static let nodeClassAPIVersion = KarpenterAPIGroup.azureV1alpha2

    /// Nil when `tree` is a NodePool of `expected` apiVersion, else why it cannot be converted.
    static func refusal(_ tree: JSONValue, expected: String) -> String? {
        ConversionRefusal.reason(tree, kind: KarpenterKind.nodePool, expected: expected)
    }
}
