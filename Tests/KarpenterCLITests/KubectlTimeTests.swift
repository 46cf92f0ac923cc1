import Foundation
@testable import KarpenterCLI
import XCTest

final class KubectlTimeTests: XCTestCase {
    func testAgesAreKubectls() {
        let cases: [(TimeInterval, String)] = [
            (-5, "<invalid>"), (-1, "0s"), (0, "0s"), (45, "45s"), (119, "119s"), (120, "2m"), (192, "3m12s"),
            (600, "10m"), (179 * 60, "179m"), (3 * 3600 + 12 * 60, "3h12m"), (5 * 3600, "5h"), (8 * 3600 + 59, "8h"),
            (47 * 3600, "47h"), (51 * 3600, "2d3h"), (7 * 86_400, "7d"), (90 * 86_400, "90d"), (800 * 86_400, "2y70d"),
            (9 * 365 * 86_400, "9y"),
        ]
        for (interval, expected) in cases {
            XCTAssertEqual(KubectlAge.format(interval), expected, "\(interval)")
        }
    }

    func testTimestampsParseAsTheAPIServerWritesThem() throws {
        let base = try XCTUnwrap(KubeTimestamp.parse("2025-06-01T12:00:00Z"))
        XCTAssertEqual(base.timeIntervalSince1970, 1_748_779_200)
        XCTAssertEqual(try XCTUnwrap(KubeTimestamp.parse("2025-06-01T11:59:30.123456Z")).timeIntervalSince(base), -29.876544, accuracy: 0.000_01)
        XCTAssertEqual(KubeTimestamp.parse("2025-06-01T14:00:00+02:00"), base)
        XCTAssertNil(KubeTimestamp.parse("2025-06-01"))
        XCTAssertNil(KubeTimestamp.parse("2025-13-01T00:00:00Z"))
        XCTAssertEqual(KubectlAge.since(nil, now: base), "<unknown>")
    }
}
