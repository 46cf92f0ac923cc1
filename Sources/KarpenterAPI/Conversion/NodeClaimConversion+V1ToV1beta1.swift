import OrderedCollections

extension NodeClaimConversion {
    /// `karpenter.sh/v1` → `karpenter.sh/v1beta1`. Fields v1beta1 lacks go into the
    /// `compatibility.karpenter.sh/v1-nodeclaim-spec` annotation; the kubelet block and
    /// nodeClassRef kept by an earlier v1beta1 → v1 conversion come back from theirs.
    public static func v1ToV1beta1(_ tree: JSONValue) -> ConversionResult {
        if let reason = refusal(tree, expected: KarpenterAPIGroup.coreV1) {
            return ConversionResult(converted: tree, notes: [reason])
        }
        var result = ConversionResult(converted: tree)
        result.converted["apiVersion"] = .string(KarpenterAPIGroup.coreV1beta1)
        result.notes.append("changed apiVersion from \(KarpenterAPIGroup.coreV1) to \(KarpenterAPIGroup.coreV1beta1)")
        let keyForV1 = KarpenterAnnotation.nodeClaimV1SpecCompatibility
        if CompatibilityAnnotation.drop(&result.converted, keyForV1) {
            result.notes.append("dropped annotation \(keyForV1) because a v1 object holds its fields itself")
        }
        var kept = OrderedDictionary<String, JSONValue>()
        for field in v1OnlySpecFields {
            if let value = ConversionTree.remove(&result.converted, spec + [field]) {
                kept[field] = value
                result.notes.append("moved spec.\(field) \(ConversionTree.display(value)) to annotation \(keyForV1) because v1beta1 has no such field")
            }
        }
        convertNodeClassRefToV1beta1(&result, keeping: &kept)
        if !kept.isEmpty { CompatibilityAnnotation.put(&result.converted, keyForV1, .object(kept)) }
        restoreKubelet(&result)
        NodeClaimStatusConversion.toV1beta1(&result)
        return result
    }

    private static func convertNodeClassRefToV1beta1(_ result: inout ConversionResult, keeping kept: inout OrderedDictionary<String, JSONValue>) {
        let key = KarpenterAnnotation.nodeClassReferenceCompatibility
        let stored = CompatibilityAnnotation.take(&result.converted, key)
        guard case .object(let ref)? = ConversionTree.get(result.converted, nodeClassRef) else { return }
        switch stored {
        case .value(let original):
            if let fields = original.objectValue,
               ConversionTree.sameContent(NodeClaimNodeClassReference.v1(from: fields, keptGroup: nil).ref, .object(ref)) {
                ConversionTree.set(&result.converted, nodeClassRef, original)
                result.notes.append("restored spec.nodeClassRef from annotation \(key)")
                return
            }
            result.notes.append("dropped annotation \(key) because it no longer matches spec.nodeClassRef")
        case .unreadable:
            result.notes.append("kept annotation \(key) because it is not a JSON object")
        case .absent:
            break
        }
        let (v1beta1Ref, droppedGroup, notes) = NodeClaimNodeClassReference.v1beta1(from: ref)
        ConversionTree.set(&result.converted, nodeClassRef, v1beta1Ref)
        result.notes += notes
        if let droppedGroup { kept["nodeClassRef"] = .object(["group": .string(droppedGroup)]) }
    }

    private static func restoreKubelet(_ result: inout ConversionResult) {
        let key = KarpenterAnnotation.kubeletCompatibility
        switch CompatibilityAnnotation.take(&result.converted, key) {
        case .absent:
            break
        case .unreadable:
            result.notes.append("kept annotation \(key) because it is not a JSON object, so no kubelet block was restored")
        case .value(let kubeletBlock):
            ConversionTree.set(&result.converted, kubelet, kubeletBlock)
            result.notes.append("moved annotation \(key) to spec.kubelet")
        }
    }
}
