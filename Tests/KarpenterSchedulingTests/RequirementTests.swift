import XCTest
@testable import KarpenterScheduling

final class RequirementTests: XCTestCase {
    func req(_ key: String, _ op: RequirementOperator, _ values: String...) throws -> Requirement {
        try Requirement(key, op, values)
    }

    func testOperatorsBuildTheDocumentedRepresentation() throws {
        let inReq = try req("k", .in, "a", "b")
        XCTAssertFalse(inReq.isComplement)
        XCTAssertEqual(inReq.valueStrings, ["a", "b"])
        XCTAssertEqual(inReq.operator, .in)

        let notIn = try req("k", .notIn, "a")
        XCTAssertTrue(notIn.isComplement)
        XCTAssertEqual(notIn.operator, .notIn)

        XCTAssertEqual(try req("k", .exists).operator, .exists)
        XCTAssertEqual(try req("k", .doesNotExist).operator, .doesNotExist)

        let gt = try req("k", .gt, "5")
        XCTAssertEqual(gt.greaterThanOrEqual, 6)
        XCTAssertEqual(gt.operator, .exists, "bounded complement still prints as Exists")
        XCTAssertEqual(try req("k", .lt, "5").lessThanOrEqual, 4)
        XCTAssertEqual(try req("k", .gte, "5").greaterThanOrEqual, 5)
        XCTAssertEqual(try req("k", .lte, "5").lessThanOrEqual, 5)
        XCTAssertEqual(try req("k", .gt, String(Int64.max)).operator, .doesNotExist)
    }

    func testBadInputIsReported() {
        XCTAssertThrowsError(try Requirement(RequirementInput(key: "k", operator: "Like", values: ["a"]))) {
            XCTAssertEqual($0 as? RequirementError, .unknownOperator(key: "k", operator: "Like"))
        }
        XCTAssertThrowsError(try req("k", .gt, "abc")) {
            XCTAssertEqual($0 as? RequirementError, .notAnInteger(key: "k", operator: "Gt", value: "abc"))
        }
        XCTAssertThrowsError(try req("k", .lt, "1", "2"))
    }

    func testKeyNormalization() throws {
        XCTAssertEqual(try req("failure-domain.beta.kubernetes.io/zone", .in, "z").key.name, "topology.kubernetes.io/zone")
        XCTAssertEqual(try req("failure-domain.beta.kubernetes.io/region", .in, "r").key.name, "topology.kubernetes.io/region")
        XCTAssertEqual(try req("beta.kubernetes.io/arch", .in, "amd64").key.name, "kubernetes.io/arch")
        XCTAssertEqual(try req("beta.kubernetes.io/os", .in, "linux").key.name, "kubernetes.io/os")
        XCTAssertEqual(try req("beta.kubernetes.io/instance-type", .in, "x").key.name, "node.kubernetes.io/instance-type")
        let disk = try req("topology.disk.csi.azure.com/zone", .in, "", "eastus-1")
        XCTAssertEqual(disk.key.name, "topology.kubernetes.io/zone")
        XCTAssertEqual(disk.valueStrings, ["0", "eastus-1"], "Azure Disk's empty zone means the regional zone 0")
    }

    func testIntersectionTable() throws {
        // neither complement: set intersection
        XCTAssertEqual(try req("k", .in, "a", "b").intersection(try req("k", .in, "b", "c")).valueStrings, ["b"])
        // one complement: concrete minus excluded
        let oneSide = try req("k", .in, "a", "b").intersection(try req("k", .notIn, "b"))
        XCTAssertFalse(oneSide.isComplement)
        XCTAssertEqual(oneSide.valueStrings, ["a"])
        // both complements: union of exclusions
        let both = try req("k", .notIn, "a").intersection(try req("k", .notIn, "b"))
        XCTAssertTrue(both.isComplement)
        XCTAssertEqual(both.valueStrings, ["a", "b"])
        // bounds filter concrete values and are then dropped
        let bounded = try req("k", .in, "1", "5", "x", "10").intersection(try req("k", .gt, "2"))
        XCTAssertEqual(bounded.valueStrings, ["10", "5"])
        XCTAssertNil(bounded.greaterThanOrEqual)
        // both bounded complements keep the tighter bounds
        let window = try req("k", .gt, "2").intersection(try req("k", .lt, "9"))
        XCTAssertEqual(window.greaterThanOrEqual, 3)
        XCTAssertEqual(window.lessThanOrEqual, 8)
        XCTAssertTrue(window.isComplement)
        // disjoint bounds collapse to DoesNotExist and keep minValues
        var a = try req("k", .gt, "5")
        a.minValues = 3
        let empty = a.intersection(try req("k", .lt, "3"))
        XCTAssertEqual(empty.operator, .doesNotExist)
        XCTAssertEqual(empty.minValues, 3)
        // minValues takes the max
        XCTAssertEqual(Requirement.in("k", ["a"], minValues: 1).intersection(.in("k", ["a"], minValues: 2)).minValues, 2)
    }

    func testHasIntersection() throws {
        XCTAssertTrue(try req("k", .in, "a").hasIntersection(try req("k", .in, "a", "b")))
        XCTAssertFalse(try req("k", .in, "a").hasIntersection(try req("k", .in, "b")))
        XCTAssertFalse(try req("k", .in, "a").hasIntersection(try req("k", .notIn, "a")))
        XCTAssertTrue(try req("k", .notIn, "a").hasIntersection(try req("k", .notIn, "b")))
        XCTAssertTrue(try req("k", .exists).hasIntersection(try req("k", .in, "x")))
        XCTAssertFalse(try req("k", .doesNotExist).hasIntersection(try req("k", .exists)))
        XCTAssertFalse(try req("k", .in, "abc").hasIntersection(try req("k", .gt, "1")), "non-integers are outside bounds")
        XCTAssertTrue(try req("k", .in, "4").hasIntersection(try req("k", .gte, "4")))
        XCTAssertFalse(try req("k", .gt, "5").hasIntersection(try req("k", .lt, "6")))
        XCTAssertTrue(try req("k", .gt, "5").hasIntersection(try req("k", .lt, "7")))
    }

    func testAllowsAndAnyValue() throws {
        XCTAssertTrue(try req("k", .notIn, "a").allows("never-seen-before-value"))
        XCTAssertFalse(try req("k", .in, "a").allows("never-seen-before-value-2"))
        XCTAssertEqual(try req("k", .in, "b", "a").anyValue(), "a")
        XCTAssertEqual(try req("k", .gt, "3").anyValue(), "4")
        XCTAssertEqual(try req("k", .notIn, "0", "1").anyValue(), "2")
        XCTAssertNil(try req("k", .doesNotExist).anyValue())
    }

    func testDescriptionMatchesUpstreamFormat() throws {
        XCTAssertEqual(try req("k", .in, "b", "a").description, "k In [a b]")
        XCTAssertEqual(try req("k", .exists).description, "k Exists")
        XCTAssertEqual(try req("k", .gt, "3").description, "k Exists >=4")
        XCTAssertEqual(Requirement.in("k", ["1", "2", "3", "4", "5", "6", "7"], minValues: 2).description,
                       "k In [1 2 3 4 5 and 2 others] minValues 2")
        let both = try req("k", .gt, "1").intersection(try req("k", .lt, "9"))
        XCTAssertEqual(both.inputs.map(\.operator), ["Gte", "Lte"])
    }
}
