/// NodeClaim conversion between `karpenter.sh/v1beta1` and `karpenter.sh/v1` (API.md sections 3
/// and 5), on JSON trees so fields neither version knows survive.
///
/// What differs: `spec.nodeClassRef` is `{apiVersion, kind, name}` in v1beta1 and
/// `{group, kind, name}` in v1; v1beta1 has `spec.kubelet`, v1 has `spec.expireAfter` and
/// `spec.terminationGracePeriod`; v1beta1 conditions carry `severity`, v1 conditions
/// `observedGeneration` and v1 status `lastPodEventTime`. A v1 NodeClaim's spec is immutable,
/// so a client that reads a NodeClaim as v1beta1 and writes it back must get the same v1
/// spec: what one version cannot hold is kept in `compatibility.karpenter.sh` annotations
/// (the kubelet block in the one NodePool conversion uses) and restored on the way back, so
/// both round trips give back the object's spec and metadata unchanged.
public enum NodeClaimConversion {
    static let spec = ["spec"]
    static let nodeClassRef = ["spec", "nodeClassRef"]
    static let kubelet = ["spec", "kubelet"]
    static let status = ["status"]

    /// Spec fields v1 has and v1beta1 does not, in the order v1 lists them.
    static let v1OnlySpecFields = ["expireAfter", "terminationGracePeriod"]

    /// Nil when `tree` is a NodeClaim of `expected` apiVersion, else why it cannot be converted.
    static func refusal(_ tree: JSONValue, expected: String) -> String? {
        ConversionRefusal.reason(tree, kind: KarpenterKind.nodeClaim, expected: expected)
    }
}
