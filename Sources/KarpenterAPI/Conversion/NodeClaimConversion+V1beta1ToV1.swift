extension NodeClaimConversion {
    /// `karpenter.sh/v1beta1` → `karpenter.sh/v1`. An input of any other apiVersion or kind is
    /// returned unchanged with a note saying why.
    public static func v1beta1ToV1(_ tree: JSONValue) -> ConversionResult {
        if let reason = refusal(tree, expected: KarpenterAPIGroup.coreV1beta1) {
            return ConversionResult(converted: tree, notes: [reason])
        }
        var result = ConversionResult(converted: tree)
        result.converted["apiVersion"] = .string(KarpenterAPIGroup.coreV1)
        result.notes.append("changed apiVersion from \(KarpenterAPIGroup.coreV1beta1) to \(KarpenterAPIGroup.coreV1)")
        let kept = takeKeptV1Fields(&result)
        convertNodeClassRefToV1(&result, keptGroup: kept?["nodeClassRef"]?["group"]?.stringValue)
        restoreV1Fields(&result, from: kept)
        moveKubeletOut(&result)
        NodeClaimStatusConversion.toV1(&result)
        return result
    }

    private static func takeKeptV1Fields(_ result: inout ConversionResult) -> JSONValue? {
        let key = KarpenterAnnotation.nodeClaimV1SpecCompatibility
        switch CompatibilityAnnotation.take(&result.converted, key) {
        case .absent:
            return nil
        case .unreadable:
            result.notes.append("kept annotation \(key) because it is not a JSON object, so no v1 field was restored")
            return nil
        case .value(let kept):
            return kept
        }
    }

    private static func convertNodeClassRefToV1(_ result: inout ConversionResult, keptGroup: String?) {
        let key = KarpenterAnnotation.nodeClassReferenceCompatibility
        CompatibilityAnnotation.drop(&result.converted, key)
        guard case .object(let ref)? = ConversionTree.get(result.converted, nodeClassRef) else {
            result.notes.append("spec.nodeClassRef is absent; v1 requires {group, kind, name}")
            return
        }
        let (v1Ref, notes) = NodeClaimNodeClassReference.v1(from: ref, keptGroup: keptGroup)
        ConversionTree.set(&result.converted, nodeClassRef, v1Ref)
        result.notes += notes
        guard case .object(let v1Fields) = v1Ref else { return }
        let back = NodeClaimNodeClassReference.v1beta1(from: v1Fields).ref
        if !ConversionTree.sameContent(back, .object(ref)) {
            CompatibilityAnnotation.put(&result.converted, key, .object(ref))
            result.notes.append("kept the v1beta1 spec.nodeClassRef in annotation \(key) so a conversion back to v1beta1 gives it unchanged")
        }
    }

    private static func restoreV1Fields(_ result: inout ConversionResult, from kept: JSONValue?) {
        let key = KarpenterAnnotation.nodeClaimV1SpecCompatibility
        for field in v1OnlySpecFields {
            guard let value = kept?[field] else { continue }
            guard ConversionTree.get(result.converted, spec + [field]) == nil else {
                result.notes.append("kept spec.\(field) of the object instead of the one in annotation \(key)")
                continue
            }
            ConversionTree.set(&result.converted, spec + [field], value)
            result.notes.append("restored spec.\(field) \(ConversionTree.display(value)) from annotation \(key)")
        }
        if kept?["expireAfter"] == nil, ConversionTree.get(result.converted, spec + ["expireAfter"]) == nil,
           ConversionTree.get(result.converted, spec)?.objectValue != nil {
            result.notes.append("spec.expireAfter is absent: v1 defaults it to 720h (a v1beta1 NodeClaim expired through its NodePool's spec.disruption.expireAfter)")
        }
    }

    /// Takes the kubelet block off the NodeClaim and keeps it verbatim in the compatibility
    /// annotation NodePool conversion uses, for the way back to v1beta1.
    private static func moveKubeletOut(_ result: inout ConversionResult) {
        let key = KarpenterAnnotation.kubeletCompatibility
        guard let block = ConversionTree.remove(&result.converted, kubelet) else {
            if CompatibilityAnnotation.drop(&result.converted, key) {
                result.notes.append("dropped annotation \(key) because the v1beta1 object has no kubelet block")
            }
            return
        }
        CompatibilityAnnotation.put(&result.converted, key, block)
        result.notes.append("moved spec.kubelet to annotation \(key) (v1 NodeClaims take kubelet settings from the AKSNodeClass; it restores the block on conversion back to v1beta1)")
    }
}
