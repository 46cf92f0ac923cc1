import XCTest
@testable import KarpenterScheduling

final class RequirementsTests: XCTestCase {
    func testAddIntersectsAndGetDefaultsToExists() {
        var reqs = Requirements([.in("zone", ["a", "b"])])
        reqs.add(.in("zone", ["b", "c"]))
        XCTAssertEqual(reqs.get("zone").valueStrings, ["b"])
        XCTAssertEqual(reqs.get("missing").operator, .exists)
        XCTAssertFalse(reqs.has("missing"))
        XCTAssertEqual(reqs.count, 1)
    }

    func testIntersectsIgnoresOneSidedKeysAndNegativePairs() {
        let existing = Requirements([.in("a", ["1"]), .notIn("b", ["x"]), .doesNotExist("c")])
        XCTAssertTrue(existing.intersects(Requirements([.in("a", ["1"]), .in("only-incoming", ["z"])])))
        XCTAssertFalse(existing.intersects(Requirements([.in("a", ["2"])])))
        // DoesNotExist vs DoesNotExist never intersect, but both are negative.
        XCTAssertTrue(existing.intersects(Requirements([.doesNotExist("c")])))
        XCTAssertTrue(existing.intersects(Requirements([.notIn("c", ["q"])])))
        XCTAssertFalse(existing.intersects(Requirements([.in("c", ["q"])])))
    }

    func testCompatibleReportsWhy() {
        let nodePool = Requirements([.in("topology.kubernetes.io/zone", ["z1", "z2"]), .in("team", ["a"])])
        let pod = Requirements([.in("topology.kubernetes.io/zone", ["z3"])])
        let failure = nodePool.firstIncompatibility(with: pod, allowUndefined: SchedulingLabel.core)
        XCTAssertEqual(failure?.key, "topology.kubernetes.io/zone")
        XCTAssertEqual(failure?.existingAllowed?.valueStrings, ["z1", "z2"])
        XCTAssertEqual(failure?.incomingAllowed?.valueStrings, ["z3"])
        XCTAssertEqual(failure?.description,
                       "key topology.kubernetes.io/zone, topology.kubernetes.io/zone In [z3] not in topology.kubernetes.io/zone In [z1 z2]")
    }

    func testUndefinedLabels() {
        let nodePool = Requirements([.in("team", ["a"])])
        // Custom key the NodePool lacks: In/Exists fail, NotIn/DoesNotExist pass.
        let custom = nodePool.firstIncompatibility(with: Requirements([.in("gpu-type", ["t4"])]), allowUndefined: SchedulingLabel.core)
        XCTAssertEqual(custom?.description, "label \"gpu-type\" does not have known values")
        XCTAssertTrue(nodePool.isCompatible(with: Requirements([.notIn("gpu-type", ["t4"])]), allowUndefined: SchedulingLabel.core))
        XCTAssertTrue(nodePool.isCompatible(with: Requirements([.doesNotExist("gpu-type")])))
        // Well-known key the NodePool lacks: allowed only with allowUndefined.
        let arch = Requirements([.in("kubernetes.io/arch", ["arm64"])])
        XCTAssertTrue(nodePool.isCompatible(with: arch, allowUndefined: SchedulingLabel.core))
        XCTAssertFalse(nodePool.isCompatible(with: arch), "existing nodes: no undefined allowance")
        // Typo hints: substring of a well-known key, or the same name after the prefix.
        XCTAssertEqual(nodePool.firstIncompatibility(with: Requirements([.exists("instance-type")]), allowUndefined: SchedulingLabel.core)?.description,
                       "label \"instance-type\" does not have known values (typo of \"node.kubernetes.io/instance-type\"?)")
        XCTAssertEqual(nodePool.firstIncompatibility(with: Requirements([.exists("example.com/team")]))?.description,
                       "label \"example.com/team\" does not have known values (typo of \"team\"?)")
    }

    func testAllIncompatibilitiesListsUndefinedThenConflicts() {
        let existing = Requirements([.in("a", ["1"]), .in("b", ["1"])])
        let incoming = Requirements([.in("b", ["2"]), .in("a", ["2"]), .exists("zzz")])
        let reasons = existing.incompatibilities(with: incoming)
        XCTAssertEqual(reasons.map(\.key), ["zzz", "a", "b"])
        XCTAssertEqual(reasons.joinedDescription,
                       "label \"zzz\" does not have known values; key a, a In [2] not in a In [1]; key b, b In [2] not in b In [1]")
    }

    func testLabelsSkipRestrictedKeys() {
        let reqs = Requirements([.in("kubernetes.io/hostname", ["h"]), .in("karpenter.sh/custom", ["x"]),
                                 .in("team", ["b", "a"]), .doesNotExist("gone"), .in("karpenter.sh/capacity-type", ["spot"])])
        XCTAssertEqual(reqs.labels(), ["team": "a", "karpenter.sh/capacity-type": "spot"])
    }

    func testDescriptionSortsByKey() {
        XCTAssertEqual(Requirements([.in("b", ["1"]), .in("a", ["2"])]).description, "a In [2], b In [1]")
    }

    func testBuildFromInputs() throws {
        let reqs = try Requirements(inputs: [
            RequirementInput(key: "k", operator: "In", values: ["a", "b"], minValues: 2),
            RequirementInput(key: "n", operator: "Gte", values: ["4"]),
        ])
        XCTAssertEqual(reqs.get("k").minValues, 2)
        XCTAssertTrue(reqs.hasMinValues)
        XCTAssertEqual(reqs.inputs.map(\.operator), ["In", "Gte"])
    }
}
