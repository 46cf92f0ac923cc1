extension NodePoolConversion {
    /// `karpenter.sh/v1beta1` → `karpenter.sh/v1`. An input of any other apiVersion or kind is
    /// returned unchanged with a note saying why.
    public static func v1beta1ToV1(_ tree: JSONValue) -> ConversionResult {
        if let reason = refusal(tree, expected: KarpenterAPIGroup.coreV1beta1) {
            return ConversionResult(converted: tree, notes: [reason])
        }
        var result = ConversionResult(converted: tree)
        result.converted["apiVersion"] = .string(KarpenterAPIGroup.coreV1)
        result.notes.append("changed apiVersion from \(KarpenterAPIGroup.coreV1beta1) to \(KarpenterAPIGroup.coreV1)")
        convertDisruptionToV1(&result)
        convertNodeClassRefToV1(&result)
        moveKubeletOut(&result)
        if let resources = ConversionTree.remove(&result.converted, templateSpec + ["resources"]) {
            let content = resources.objectValue?.isEmpty == false ? " (it was not empty, which v1beta1 also rejects)" : ""
            result.notes.append("dropped spec.template.spec.resources because v1 has no such field\(content)")
        }
        return result
    }

    private static func convertDisruptionToV1(_ result: inout ConversionResult) {
        guard ConversionTree.get(result.converted, disruption)?.objectValue != nil else {
            if ConversionTree.get(result.converted, spec)?.objectValue != nil {
                result.notes.append("spec.disruption is absent: the v1 defaults (consolidateAfter 0s, WhenEmptyOrUnderutilized, expireAfter 720h) match the v1beta1 ones")
            }
            return
        }
        if let expireAfter = ConversionTree.remove(&result.converted, disruption + ["expireAfter"]) {
            ConversionTree.set(&result.converted, templateSpec + ["expireAfter"], expireAfter)
            result.notes.append("moved spec.disruption.expireAfter to spec.template.spec.expireAfter")
        }
        let policyPath = disruption + ["consolidationPolicy"]
        let policy = ConversionTree.get(result.converted, policyPath)?.stringValue
        if policy == ConsolidationPolicy.whenUnderutilized.rawValue {
            ConversionTree.set(&result.converted, policyPath, .string(ConsolidationPolicy.whenEmptyOrUnderutilized.rawValue))
            result.notes.append("changed spec.disruption.consolidationPolicy from WhenUnderutilized to WhenEmptyOrUnderutilized")
        }
        let afterPath = disruption + ["consolidateAfter"]
        let after = ConversionTree.get(result.converted, afterPath)
        let underutilized = policy == nil || policy == ConsolidationPolicy.whenUnderutilized.rawValue
        switch after {
        case nil:
            ConversionTree.set(&result.converted, afterPath, .string("0s"))
            let why = underutilized ? "v1 requires it and v1beta1 WhenUnderutilized consolidated without waiting"
                                    : "v1 requires it (v1beta1 also required it with WhenEmpty)"
            result.notes.append("added spec.disruption.consolidateAfter: 0s because \(why)")
        case .string("Never")? where underutilized:
            // Never is the one value v1beta1 allows with WhenUnderutilized; it means the same in v1.
            break
        case let value? where underutilized:
            ConversionTree.set(&result.converted, afterPath, .string("0s"))
            result.notes.append("changed spec.disruption.consolidateAfter from \(ConversionTree.display(value)) to 0s because v1beta1 WhenUnderutilized did not wait")
        default:
            break
        }
    }

    private static func convertNodeClassRefToV1(_ result: inout ConversionResult) {
        guard case .object(let ref)? = ConversionTree.get(result.converted, nodeClassRef) else {
            result.notes.append("spec.template.spec.nodeClassRef is absent; v1 requires {group, kind, name}")
            return
        }
        let apiVersion = ref["apiVersion"]?.stringValue ?? ""
        let parts = apiVersion.split(separator: "/", maxSplits: 1).map(String.init)
        if parts.count == 2, !parts[0].isEmpty {
            ConversionTree.renameKey(&result.converted, at: nodeClassRef, from: "apiVersion", to: "group", value: .string(parts[0]))
            result.notes.append("moved spec.template.spec.nodeClassRef.apiVersion \(apiVersion) to nodeClassRef.group \(parts[0])")
        } else {
            ConversionTree.renameKey(&result.converted, at: nodeClassRef, from: "apiVersion", to: "group", value: .string(KarpenterAPIGroup.azure))
            let was = apiVersion.isEmpty ? "absent" : "\(apiVersion), which names no group"
            result.notes.append("added spec.template.spec.nodeClassRef.group \(KarpenterAPIGroup.azure) because apiVersion was \(was)")
        }
        if (ref["kind"]?.stringValue ?? "").isEmpty {
            ConversionTree.set(&result.converted, nodeClassRef + ["kind"], .string(KarpenterKind.aksNodeClass))
            result.notes.append("added spec.template.spec.nodeClassRef.kind \(KarpenterKind.aksNodeClass) because it was absent")
        }
    }

    /// Takes the kubelet block off the NodePool, keeps it verbatim in the compatibility
    /// annotation (for v1 → v1beta1) and reports its AKSNodeClass equivalent.
    private static func moveKubeletOut(_ result: inout ConversionResult) {
        let annotationPath = annotations + [KarpenterAnnotation.kubeletCompatibility]
        guard let kubelet = ConversionTree.remove(&result.converted, templateSpec + ["kubelet"]) else {
            if ConversionTree.remove(&result.converted, annotationPath) != nil {
                result.notes.append("dropped annotation \(KarpenterAnnotation.kubeletCompatibility) because the v1beta1 object has no kubelet block")
            }
            return
        }
        ConversionTree.set(&result.converted, annotationPath, .string(ConversionTree.jsonText(kubelet)))
        result.notes.append("moved spec.template.spec.kubelet to annotation \(KarpenterAnnotation.kubeletCompatibility) (it has no effect on a v1 NodePool; it restores the block on conversion back to v1beta1)")
        let mapping = KubeletToNodeClassMapping.map(kubelet, from: "spec.template.spec.kubelet")
        result.nodeClassSpec = mapping.nodeClassSpec
        result.unmappedKubeletFields = mapping.unmapped
        result.notes += mapping.notes
    }
}
