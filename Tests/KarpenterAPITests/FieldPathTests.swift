import XCTest
@testable import KarpenterAPI
final class FieldPathTests: XCTestCase {
    func testPrintsLikeTheAPIServer() {
        let path = FieldPath(dotted: "spec.template.spec").child("requirements").index(2).child("values")
        XCTAssertEqual(path.description, "spec.template.spec.requirements[2].values")
        XCTAssertEqual(FieldPath(dotted: "spec").child("limits").key("cpu").description, "spec.limits[cpu]")
    }
}
