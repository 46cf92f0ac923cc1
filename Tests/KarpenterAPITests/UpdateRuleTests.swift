import XCTest
@testable import KarpenterAPI

/// Transition rules (`oldSelf`): they run on update only.
final class UpdateRuleTests: XCTestCase {
    private let pool = Fixtures.nodePool()

    func testNodeClassRefGroupIsImmutable() {
        let changed = pool.setting("spec.template.spec.nodeClassRef.group", .string("example.com"))
        assertRejected(changed, old: pool, at: "spec.template.spec.nodeClassRef", reason: .immutable, message: "nodeClassRef.group is immutable")
        assertAccepted(changed)
    }

    func testNodeClassRefKindIsImmutable() {
        let changed = pool.setting("spec.template.spec.nodeClassRef.kind", .string("OtherNodeClass"))
        assertRejected(changed, old: pool, at: "spec.template.spec.nodeClassRef", reason: .immutable, message: "nodeClassRef.kind is immutable")
    }

    func testGroupAndKindChangeReportsBothRules() {
        let changed = pool.setting("spec.template.spec.nodeClassRef", yaml: "{group: example.com, kind: Other, name: default}")
        let result = assertRejected(changed, old: pool, at: "spec.template.spec.nodeClassRef", reason: .immutable)
        XCTAssertEqual(result.errors.count, 2)
    }

    func testNodeClassRefNameIsMutable() {
        assertAccepted(pool.setting("spec.template.spec.nodeClassRef.name", .string("other")), old: pool)
    }

    func testOtherFieldsAreMutable() {
        let changed = pool
            .setting("spec.weight", .int(50))
            .setting("spec.limits", yaml: "{cpu: 1000}")
            .setting("spec.template.spec.requirements", yaml: "[{key: kubernetes.io/arch, operator: In, values: [arm64]}]")
            .setting("spec.disruption", yaml: "{consolidateAfter: 10m, consolidationPolicy: WhenEmpty}")
        assertAccepted(changed, old: pool)
    }

    func testStaticDynamicTransitionIsRejected() {
        let message = "Cannot transition NodePool between static (replicas set) and dynamic (replicas unset) provisioning modes"
        let staticPool = pool.setting("spec.replicas", .int(3))
        assertRejected(staticPool, old: pool, at: "spec", reason: .immutable, message: message)
        assertRejected(pool, old: staticPool, at: "spec", reason: .immutable, message: message)
        assertAccepted(staticPool.setting("spec.replicas", .int(10)), old: staticPool)
        assertAccepted(staticPool.setting("spec.replicas", .int(0)), old: staticPool)
        assertAccepted(pool.setting("spec.weight", .int(5)), old: pool)
    }

    func testTransitionRulesAreSkippedOnCreate() {
        // On create there is no oldSelf; evaluating the rules would fail, so they must not run.
        assertAccepted(pool.setting("spec.replicas", .int(3)))
        assertAccepted(pool.setting("spec.template.spec.nodeClassRef.group", .string("example.com")))
    }

    func testUpdatesStillRunEveryOtherRule() {
        assertRejected(pool.setting("spec.weight", .int(0)), old: pool, at: "spec.weight", reason: .invalid)
        assertRejected(pool.setting("spec.replicas", .int(2)).setting("spec.weight", .int(5)), old: pool.setting("spec.replicas", .int(1)),
                       at: "spec", reason: .ruleFailed, message: "'weight' is not supported on static NodePools")
    }

    func testMetadataNameIsRequiredButGenerateNameWorksOnCreate() {
        assertRejected(pool.removing("metadata.name"), at: "metadata.name", reason: .required)
        assertAccepted(pool.removing("metadata.name").setting("metadata.generateName", .string("np-")))
    }

    func testAKSNodeClassHasNoTransitionRules() {
        let old = Fixtures.nodeClass(spec: "{imageFamily: Ubuntu, osDiskSizeGB: 128, vnetSubnetID: \"\(Fixtures.subnetID)\"}")
        let changed = Fixtures.nodeClass(spec: "{imageFamily: AzureLinux, osDiskSizeGB: 256, tags: {team: x}}")
        assertAccepted(changed, old: old)
        assertAccepted(Fixtures.nodeClass(spec: nil), old: old)
    }
}
