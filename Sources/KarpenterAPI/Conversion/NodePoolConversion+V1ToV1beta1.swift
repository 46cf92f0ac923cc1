extension NodePoolConversion {
    /// `karpenter.sh/v1` → `karpenter.sh/v1beta1`. Restores the kubelet block kept in the
    /// compatibility annotation; drops v1-only fields with a note for each.
    public static func v1ToV1beta1(_ tree: JSONValue) -> ConversionResult {
        if let reason = refusal(tree, expected: KarpenterAPIGroup.coreV1) {
            return ConversionResult(converted: tree, notes: [reason])
        }
        var result = ConversionResult(converted: tree)
        result.converted["apiVersion"] = .string(KarpenterAPIGroup.coreV1beta1)
        result.notes.append("changed apiVersion from \(KarpenterAPIGroup.coreV1) to \(KarpenterAPIGroup.coreV1beta1)")
        convertDisruptionToV1beta1(&result)
        if let expireAfter = ConversionTree.remove(&result.converted, templateSpec + ["expireAfter"]) {
            ConversionTree.set(&result.converted, disruption + ["expireAfter"], expireAfter)
            result.notes.append("moved spec.template.spec.expireAfter to spec.disruption.expireAfter")
        }
        if let grace = ConversionTree.remove(&result.converted, templateSpec + ["terminationGracePeriod"]) {
            result.notes.append("dropped spec.template.spec.terminationGracePeriod (\(ConversionTree.display(grace))) because v1beta1 has no such field")
        }
        if let replicas = ConversionTree.remove(&result.converted, spec + ["replicas"]) {
            result.notes.append("dropped spec.replicas (\(ConversionTree.display(replicas))) because v1beta1 has no static NodePools")
        }
        convertNodeClassRefToV1beta1(&result)
        restoreKubelet(&result)
        noteOperatorsV1beta1Lacks(result.converted, into: &result.notes)
        for field in ["conditions", "nodes", "nodeClassObservedGeneration"] {
            if ConversionTree.remove(&result.converted, ["status", field]) != nil {
                result.notes.append("dropped status.\(field) because the v1beta1 status has only resources")
            }
        }
        return result
    }

    private static func convertDisruptionToV1beta1(_ result: inout ConversionResult) {
        guard ConversionTree.get(result.converted, disruption)?.objectValue != nil else { return }
        let policyPath = disruption + ["consolidationPolicy"]
        let policy = ConversionTree.get(result.converted, policyPath)?.stringValue
        if policy == ConsolidationPolicy.whenEmptyOrUnderutilized.rawValue {
            ConversionTree.set(&result.converted, policyPath, .string(ConsolidationPolicy.whenUnderutilized.rawValue))
            result.notes.append("changed spec.disruption.consolidationPolicy from WhenEmptyOrUnderutilized to WhenUnderutilized")
        } else if let policy, policy != ConsolidationPolicy.whenEmpty.rawValue {
            result.notes.append("kept spec.disruption.consolidationPolicy \(policy), which v1beta1 rejects (it knows WhenEmpty and WhenUnderutilized)")
        }
        let underutilized = policy == nil || policy == ConsolidationPolicy.whenEmptyOrUnderutilized.rawValue
        let afterPath = disruption + ["consolidateAfter"]
        if underutilized, let after = ConversionTree.get(result.converted, afterPath), after != .string("Never") {
            ConversionTree.remove(&result.converted, afterPath)
            if after != .string("0s") {
                result.notes.append("dropped spec.disruption.consolidateAfter \(ConversionTree.display(after)) because v1beta1 WhenUnderutilized cannot wait before consolidating")
            }
        }
        guard case .array(var budgets)? = ConversionTree.get(result.converted, disruption + ["budgets"]) else { return }
        var changed = false
        for index in budgets.indices {
            if let reasons = budgets[index]["reasons"] {
                budgets[index]["reasons"] = nil
                changed = true
                result.notes.append("dropped spec.disruption.budgets[\(index)].reasons \(ConversionTree.display(reasons)) because v1beta1 budgets apply to every reason")
            }
        }
        if changed { ConversionTree.set(&result.converted, disruption + ["budgets"], .array(budgets)) }
    }

    private static func convertNodeClassRefToV1beta1(_ result: inout ConversionResult) {
        guard case .object(let ref)? = ConversionTree.get(result.converted, nodeClassRef) else { return }
        let group = ref["group"]?.stringValue ?? ""
        if group == KarpenterAPIGroup.azure {
            ConversionTree.renameKey(&result.converted, at: nodeClassRef, from: "group", to: "apiVersion", value: .string(nodeClassAPIVersion))
            result.notes.append("moved spec.template.spec.nodeClassRef.group \(group) to nodeClassRef.apiVersion \(nodeClassAPIVersion)")
        } else if ref["group"] != nil {
            ConversionTree.remove(&result.converted, nodeClassRef + ["group"])
            result.notes.append("dropped spec.template.spec.nodeClassRef.group \(ConversionTree.display(ref["group"])) because its API version is unknown to this provider")
        }
    }

    private static func restoreKubelet(_ result: inout ConversionResult) {
        let key = KarpenterAnnotation.kubeletCompatibility
        guard let text = ConversionTree.get(result.converted, annotations + [key])?.stringValue else { return }
        guard let kubelet = ConversionTree.parseJSON(text), kubelet.objectValue != nil else {
            result.notes.append("kept annotation \(key) because it is not a JSON object, so no kubelet block was restored")
            return
        }
        ConversionTree.set(&result.converted, templateSpec + ["kubelet"], kubelet)
        ConversionTree.remove(&result.converted, annotations + [key])
        if ConversionTree.get(result.converted, annotations)?.objectValue?.isEmpty == true {
            ConversionTree.remove(&result.converted, annotations)
        }
        result.notes.append("moved annotation \(key) to spec.template.spec.kubelet")
    }

    private static func noteOperatorsV1beta1Lacks(_ tree: JSONValue, into notes: inout [String]) {
        guard case .array(let requirements)? = ConversionTree.get(tree, templateSpec + ["requirements"]) else { return }
        for (index, requirement) in requirements.enumerated() {
            if let op = requirement["operator"]?.stringValue, op == "Gte" || op == "Lte" {
                notes.append("kept spec.template.spec.requirements[\(index)].operator \(op), which v1beta1 rejects")
            }
        }
    }
}
