import XCTest
@testable import KarpenterAPI

/// OpenAPI defaults applied on admission (API.md sections 1.4 and 4).
final class DefaultingTests: XCTestCase {
    private func defaulted(_ object: JSONValue, file: StaticString = #filePath, line: UInt = #line) -> JSONValue {
        assertAccepted(object, file: file, line: line).defaulted
    }

    // MARK: AKSNodeClass

    func testMinimalNodeClassGainsImageFamilyAndOSDiskSize() {
        let spec = defaulted(Fixtures.nodeClass(spec: "{}"))["spec"]
        XCTAssertEqual(spec?["imageFamily"], .string("Ubuntu"))
        XCTAssertEqual(spec?["osDiskSizeGB"]?.integerValue, 128)
        XCTAssertEqual(Set(spec?.objectValue?.keys.map { $0 } ?? []), ["imageFamily", "osDiskSizeGB"],
                       "nothing else is defaulted (no kubelet, gpu, localDNS, fipsMode, maxPods)")
    }

    func testUserValuesAreNotOverwritten() {
        let spec = defaulted(Fixtures.nodeClass(spec: "{imageFamily: AzureLinux, osDiskSizeGB: 64}"))["spec"]
        XCTAssertEqual(spec?["imageFamily"], .string("AzureLinux"))
        XCTAssertEqual(spec?["osDiskSizeGB"]?.integerValue, 64)
    }

    func testEmptyKubeletGetsEveryKubeletDefault() {
        let kubelet = defaulted(Fixtures.nodeClass(spec: "{kubelet: {}}"))["spec"]?["kubelet"]
        XCTAssertEqual(kubelet?["cpuManagerPolicy"], .string("none"))
        XCTAssertEqual(kubelet?["cpuCFSQuota"], .bool(true))
        XCTAssertEqual(kubelet?["cpuCFSQuotaPeriod"], .string("100ms"))
        XCTAssertEqual(kubelet?["topologyManagerPolicy"], .string("none"))
        XCTAssertEqual(kubelet?["containerLogMaxSize"], .string("50Mi"))
        XCTAssertEqual(kubelet?["containerLogMaxFiles"]?.integerValue, 5)
        XCTAssertEqual(kubelet?.objectValue?.count, 6, "no default for failSwapOn, imageGC*, podPidsLimit, allowedUnsafeSysctls")
    }

    func testKubeletDefaultsOnlyFillGaps() {
        let kubelet = defaulted(Fixtures.nodeClass(spec: "{kubelet: {cpuManagerPolicy: static, cpuCFSQuota: false}}"))["spec"]?["kubelet"]
        XCTAssertEqual(kubelet?["cpuManagerPolicy"], .string("static"))
        XCTAssertEqual(kubelet?["cpuCFSQuota"], .bool(false))
        XCTAssertEqual(kubelet?["containerLogMaxFiles"]?.integerValue, 5)
    }

    func testEmptyGPUGetsDriverMode() {
        XCTAssertEqual(defaulted(Fixtures.nodeClass(spec: "{gpu: {}}"))["spec"]?["gpu"]?["mode"], .string("Driver"))
        XCTAssertEqual(defaulted(Fixtures.nodeClass(spec: "{gpu: {mode: None}}"))["spec"]?["gpu"]?["mode"], .string("None"))
    }

    func testNoSpecMeansNoDefaults() {
        let object = defaulted(Fixtures.nodeClass(spec: nil))
        XCTAssertNil(object["spec"])
    }

    func testDefaultsApplyBeforeRules() {
        // fipsMode FIPS needs has(imageFamily): the default Ubuntu satisfies it.
        let spec = defaulted(Fixtures.nodeClass(spec: "{fipsMode: FIPS}"))["spec"]
        XCTAssertEqual(spec?["imageFamily"], .string("Ubuntu"))
    }

    func testNullsArePrunedThenDefaulted() {
        let spec = defaulted(Fixtures.nodeClass(spec: "{imageFamily: null, osDiskSizeGB: null, maxPods: null, kubelet: {containerLogMaxFiles: null}}"))["spec"]
        XCTAssertEqual(spec?["imageFamily"], .string("Ubuntu"))
        XCTAssertEqual(spec?["osDiskSizeGB"]?.integerValue, 128)
        XCTAssertNil(spec?["maxPods"], "a null without a default is pruned")
        XCTAssertEqual(spec?["kubelet"]?["containerLogMaxFiles"]?.integerValue, 5)
    }

    func testNullSpecIsPrunedAndGetsNoDefaults() {
        XCTAssertNil(defaulted(Fixtures.nodeClass(spec: "null"))["spec"])
    }

    // MARK: NodePool

    func testMinimalNodePoolGainsDisruptionAndExpireAfter() {
        let input = Fixtures.parse("""
        apiVersion: karpenter.sh/v1
        kind: NodePool
        metadata: {name: np}
        spec:
          template:
            spec:
              nodeClassRef: {group: karpenter.azure.com, kind: AKSNodeClass, name: default}
              requirements: [{key: karpenter.sh/capacity-type, operator: Exists}]
        """)
        let object = defaulted(input)
        let disruption = object.at("spec.disruption")
        XCTAssertEqual(disruption?["consolidateAfter"], .string("0s"))
        XCTAssertEqual(disruption?["consolidationPolicy"], .string("WhenEmptyOrUnderutilized"))
        XCTAssertEqual(disruption?["budgets"], Fixtures.value("[{nodes: \"10%\"}]"))
        XCTAssertEqual(disruption?.objectValue?.count, 3)
        XCTAssertEqual(object.at("spec.template.spec.expireAfter"), .string("720h"))
        XCTAssertNil(object.at("spec.template.spec.terminationGracePeriod"))
        XCTAssertNil(object.at("spec.weight"))
        XCTAssertNil(object.at("spec.replicas"))
    }

    func testUserDisruptionStillGetsPolicyAndBudgets() {
        let object = defaulted(Fixtures.nodePool().setting("spec.disruption", yaml: "{consolidateAfter: 5m}"))
        XCTAssertEqual(object.at("spec.disruption.consolidateAfter"), .string("5m"))
        XCTAssertEqual(object.at("spec.disruption.consolidationPolicy"), .string("WhenEmptyOrUnderutilized"))
        XCTAssertEqual(object.at("spec.disruption.budgets"), Fixtures.value("[{nodes: \"10%\"}]"))
    }

    func testScheduledBudgetGetsDefaultNodes() {
        let object = defaulted(Fixtures.nodePool().setting(
            "spec.disruption", yaml: "{consolidateAfter: 0s, budgets: [{schedule: \"@daily\", duration: 10m}]}"))
        let budgets = object.at("spec.disruption.budgets")?.arrayValue
        XCTAssertEqual(budgets?.count, 1)
        XCTAssertEqual(budgets?.first?["nodes"], .string("10%"))
        XCTAssertEqual(budgets?.first?["schedule"], .string("@daily"))
        XCTAssertEqual(budgets?.first?["duration"], .string("10m"))
    }

    func testUserBudgetsReplaceTheDefaultList() {
        let object = defaulted(Fixtures.nodePool().setting(
            "spec.disruption", yaml: "{consolidateAfter: 0s, budgets: [{nodes: \"5\"}, {nodes: \"0\", reasons: [Drifted]}]}"))
        XCTAssertEqual(object.at("spec.disruption.budgets")?.arrayValue?.map { $0["nodes"] }, [.string("5"), .string("0")])
    }

    func testUserExpireAfterIsKept() {
        let object = defaulted(Fixtures.nodePool().setting("spec.template.spec.expireAfter", .string("Never")))
        XCTAssertEqual(object.at("spec.template.spec.expireAfter"), .string("Never"))
    }

    func testNodePoolNullsArePrunedThenDefaulted() {
        let object = defaulted(Fixtures.nodePool()
            .setting("spec.disruption", .null)
            .setting("spec.template.spec.expireAfter", .null)
            .setting("spec.weight", .null))
        XCTAssertEqual(object.at("spec.disruption.consolidateAfter"), .string("0s"))
        XCTAssertEqual(object.at("spec.disruption.consolidationPolicy"), .string("WhenEmptyOrUnderutilized"))
        XCTAssertEqual(object.at("spec.template.spec.expireAfter"), .string("720h"))
        XCTAssertNil(object.at("spec.weight"))
    }

    func testNodePoolV1beta1Defaults() {
        let object = defaulted(Fixtures.nodePoolV1beta1())
        XCTAssertEqual(object.at("spec.disruption.consolidationPolicy"), .string("WhenUnderutilized"))
        XCTAssertEqual(object.at("spec.disruption.expireAfter"), .string("720h"))
        XCTAssertEqual(object.at("spec.disruption.budgets"), Fixtures.value("[{nodes: \"10%\"}]"))
        XCTAssertNil(object.at("spec.disruption.consolidateAfter"))
        XCTAssertNil(object.at("spec.template.spec.expireAfter"), "v1beta1 has expireAfter under disruption")
    }

    // MARK: NodeClaim

    func testNodeClaimExpireAfterDefault() {
        XCTAssertEqual(defaulted(Fixtures.nodeClaim()).at("spec.expireAfter"), .string("720h"))
        let kept = defaulted(Fixtures.nodeClaim().setting("spec.expireAfter", .string("24h")))
        XCTAssertEqual(kept.at("spec.expireAfter"), .string("24h"))
        let pruned = defaulted(Fixtures.nodeClaim().setting("spec.expireAfter", .null))
        XCTAssertEqual(pruned.at("spec.expireAfter"), .string("720h"))
    }

    func testStatusIsKeptButNeitherDefaultedNorValidated() {
        let object = defaulted(Fixtures.nodePool().setting("status", yaml: "{nodes: \"not a number\"}"))
        XCTAssertEqual(object.at("status.nodes"), .string("not a number"))
    }
}
