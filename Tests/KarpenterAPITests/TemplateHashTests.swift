import Testing
@testable import KarpenterAPI

private func nodePool(_ yaml: String) throws -> JSONValue {
    try ManifestParser.parse(text: yaml).first!.value
}

@Suite struct TemplateHashTests {
    let base = """
    apiVersion: karpenter.sh/v1
    kind: NodePool
    metadata: {name: general}
    spec:
      weight: 10
      limits: {cpu: "100"}
      template:
        metadata: {labels: {team: a}}
        spec:
          nodeClassRef: {group: karpenter.azure.com, kind: AKSNodeClass, name: default}
          taints: [{key: a, effect: NoSchedule}, {key: b, effect: NoExecute}]
          requirements: [{key: karpenter.sh/capacity-type, operator: In, values: [spot]}]
    """

    @Test func requirementsWeightAndLimitsDoNotChangeTheHash() throws {
        let edited = base.replacingOccurrences(of: "values: [spot]", with: "values: [on-demand]")
            .replacingOccurrences(of: "weight: 10", with: "weight: 50")
            .replacingOccurrences(of: "cpu: \"100\"", with: "cpu: \"5\"")
        #expect(TemplateHash.nodePool(try nodePool(base)) == TemplateHash.nodePool(try nodePool(edited)))
    }

    @Test func labelsTaintsAndNodeClassChangeTheHash() throws {
        let original = TemplateHash.nodePool(try nodePool(base))
        for edit in [("team: a", "team: b"), ("key: b, effect: NoExecute", "key: c, effect: NoExecute"),
                     ("name: default", "name: gpu")] {
            let edited = base.replacingOccurrences(of: edit.0, with: edit.1)
            #expect(TemplateHash.nodePool(try nodePool(edited)) != original, "\(edit.1) should drift")
        }
    }

    @Test func taintOrderAndEmptyValuesDoNotChangeTheHash() throws {
        let reordered = base.replacingOccurrences(of: "[{key: a, effect: NoSchedule}, {key: b, effect: NoExecute}]",
                                                  with: "[{key: b, effect: NoExecute}, {key: a, effect: NoSchedule}]")
            .replacingOccurrences(of: "metadata: {labels: {team: a}}", with: "metadata: {labels: {team: a}, annotations: {}}")
        #expect(TemplateHash.nodePool(try nodePool(base)) == TemplateHash.nodePool(try nodePool(reordered)))
    }

    @Test func nodeClassTagsDoNotChangeItsHash() throws {
        let nodeClass = try nodePool("""
        apiVersion: karpenter.azure.com/v1alpha2
        kind: AKSNodeClass
        metadata: {name: default}
        spec: {imageFamily: Ubuntu2204, osDiskSizeGB: 128, tags: {env: prod}}
        """)
        let retagged = try nodePool(JSONWriter.string(nodeClass).replacingOccurrences(of: "prod", with: "dev"))
        let resized = try nodePool(JSONWriter.string(nodeClass).replacingOccurrences(of: "128", with: "256"))
        #expect(TemplateHash.nodeClass(nodeClass) == TemplateHash.nodeClass(retagged))
        #expect(TemplateHash.nodeClass(nodeClass) != TemplateHash.nodeClass(resized))
    }
}
