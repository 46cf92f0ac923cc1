import XCTest
@testable import KarpenterAPI

/// Every admission rule of the `karpenter.sh/v1` NodeClaim (API.md section 3).
final class NodeClaimAdmissionTests: XCTestCase {
    private let claim = Fixtures.nodeClaim()

    private func requirements(_ flow: String) -> JSONValue { Fixtures.nodeClaim(requirements: flow) }

    func testValidNodeClaimIsAccepted() {
        let result = assertAccepted(claim)
        XCTAssertTrue(result.warnings.isEmpty, describe(result.warnings))
        assertAccepted(requirements("[]"))
    }

    func testRequiredFields() {
        assertRejected(claim.removing("spec"), at: "spec", reason: .required)
        assertRejected(claim.setting("spec", yaml: "{}"), at: ["spec.nodeClassRef", "spec.requirements"], reason: .required)
        assertRejected(claim.removing("spec.requirements"), at: "spec.requirements", reason: .required)
        for field in ["group", "kind", "name"] {
            assertRejected(claim.removing("spec.nodeClassRef.\(field)"), at: "spec.nodeClassRef.\(field)", reason: .required)
        }
    }

    func testNodeClassRef() {
        for field in ["group", "kind", "name"] {
            assertRejected(claim.setting("spec.nodeClassRef.\(field)", .string("")), at: "spec.nodeClassRef.\(field)",
                           reason: .ruleFailed, message: "\(field) may not be empty")
        }
        assertRejected(claim.setting("spec.nodeClassRef.group", .string("karpenter.azure.com/v1beta1")),
                       at: "spec.nodeClassRef.group", reason: .invalid)
    }

    func testNodePoolLabelIsAllowedOnNodeClaims() {
        assertAccepted(requirements("[{key: karpenter.sh/nodepool, operator: In, values: [default]}]"))
        assertAccepted(requirements("[{key: karpenter.sh/capacity-type, operator: In, values: [spot]}]"))
    }

    func testRestrictedRequirementKeys() {
        for (key, message) in NodePoolAdmissionTests.restrictedKeys where key != "karpenter.sh/nodepool" {
            let object = requirements("[{key: \"\(key)\", operator: Exists}]")
            if let message {
                let result = assertRejected(object, at: "spec.requirements[0].key", reason: .ruleFailed, message: message)
                XCTAssertEqual(ruleMessages(result).count, 1, "\(key)")
            } else {
                assertAccepted(object)
            }
        }
    }

    func testRequirementListRules() {
        assertRejected(requirements("[{key: example.com/a, operator: In}]"), at: "spec.requirements",
                       reason: .ruleFailed, message: "requirements with operator 'In' must have a value defined")
        assertRejected(requirements("[{key: example.com/a, operator: Gt, values: [abc]}]"), at: "spec.requirements",
                       reason: .ruleFailed, message: "single positive integer value")
        assertRejected(requirements("[{key: example.com/a, operator: Lte, values: [\"-3\"]}]"), at: "spec.requirements",
                       reason: .ruleFailed, message: "single positive integer value")
        assertAccepted(requirements("[{key: example.com/a, operator: Gte, values: [\"0\"]}]"))
        assertRejected(requirements("[{key: example.com/a, operator: In, values: [a], minValues: 2}]"), at: "spec.requirements",
                       reason: .ruleFailed, message: "minValues")
        assertRejected(requirements("[{key: example.com/a, operator: In, values: [a], minValues: 0}]"),
                       at: "spec.requirements[0].minValues", reason: .invalid)
        assertRejected(requirements("[{key: \"bad key\", operator: Exists}]"), at: "spec.requirements[0].key", reason: .invalid)
        assertRejected(requirements("[{key: example.com/a, operator: Equals}]"), at: "spec.requirements[0].operator", reason: .notSupported)
    }

    func testDurations() {
        assertAccepted(claim.setting("spec.expireAfter", .string("Never")))
        assertRejected(claim.setting("spec.expireAfter", .string("1d")), at: "spec.expireAfter", reason: .invalid)
        assertAccepted(claim.setting("spec.terminationGracePeriod", .string("1h")))
        assertRejected(claim.setting("spec.terminationGracePeriod", .string("Never")), at: "spec.terminationGracePeriod", reason: .invalid)
    }

    func testTaintsAndResources() {
        assertAccepted(claim.setting("spec.taints", yaml: "[{key: example.com/gpu, effect: NoSchedule}]")
            .setting("spec.startupTaints", yaml: "[{key: node.example.com/init, value: pending, effect: NoExecute}]"))
        assertRejected(claim.setting("spec.taints", yaml: "[{key: a, effect: Never}]"), at: "spec.taints[0].effect", reason: .notSupported)
        assertRejected(claim.setting("spec.startupTaints", yaml: "[{key: a, value: \"a b\", effect: NoSchedule}]"),
                       at: "spec.startupTaints[0].value", reason: .invalid)
        assertAccepted(claim.setting("spec.resources.requests", yaml: "{cpu: \"1\", memory: 1Gi, pods: 110}"))
        assertRejected(claim.setting("spec.resources.requests", yaml: "{cpu: abc}"), at: "spec.resources.requests[cpu]", reason: .invalid)
        assertRejected(claim.setting("spec.resources.limits", yaml: "{cpu: \"1\"}"), at: "spec.resources.limits", reason: .unknownField)
    }

    func testKubeletIsNotAV1Field() {
        assertRejected(claim.setting("spec.kubelet", yaml: "{maxPods: 30}"), at: "spec.kubelet", reason: .unknownField)
    }

    // MARK: Immutability

    func testIdenticalSpecOnUpdateIsAccepted() {
        assertAccepted(claim, old: claim)
        // Defaults are applied to both sides: writing the default explicitly is no change.
        assertAccepted(claim.setting("spec.expireAfter", .string("720h")), old: claim)
        // Metadata and status are outside the spec.
        assertAccepted(claim.setting("metadata.labels", yaml: "{karpenter.sh/nodepool: default}")
            .setting("status", yaml: "{nodeName: aks-node-1}"), old: claim)
    }

    func testAnySpecChangeOnUpdateIsRejected() {
        let changes: [JSONValue] = [
            claim.setting("spec.expireAfter", .string("24h")),
            claim.setting("spec.nodeClassRef.name", .string("other")),
            claim.setting("spec.requirements", yaml: "[{key: node.kubernetes.io/instance-type, operator: In, values: [Standard_D4s_v3]}]"),
            claim.setting("spec.taints", yaml: "[{key: a, effect: NoSchedule}]"),
            claim.setting("spec.terminationGracePeriod", .string("1h")),
        ]
        for changed in changes {
            let result = assertRejected(changed, old: claim, at: "spec", reason: .immutable, message: "spec is immutable")
            XCTAssertEqual(result.errors.count, 1)
        }
        // The rule does not run on create.
        for changed in changes { assertAccepted(changed) }
    }
}
