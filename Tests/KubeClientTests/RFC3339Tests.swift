import KarpenterAPI
import Foundation
import Testing
@testable import KubeClient

@Suite struct RFC3339Tests {
    @Test(arguments: [
        ("2025-01-02T03:04:05Z", 1_735_787_045.0),
        ("2025-01-02T03:04:05.250Z", 1_735_787_045.25),
        ("2025-01-02T04:04:05+01:00", 1_735_787_045.0),
        ("2025-01-01T22:04:05-05:00", 1_735_787_045.0),
        ("1970-01-01T00:00:00Z", 0.0),
        ("2024-02-29T12:00:00Z", 1_709_208_000.0),
    ])
    func parses(text: String, seconds: Double) {
        #expect(RFC3339.parse(text)?.timeIntervalSince1970 == seconds)
    }

    @Test(arguments: ["", "2025-01-02", "2025-01-02T03:04:05", "2025-13-02T03:04:05Z", "2025-01-02T03:04:05+0100",
                      "2025-01-02T03:04:05.Z", "tomorrow", "2025-01-02T03:04:05Zjunk"])
    func rejects(text: String) {
        #expect(RFC3339.parse(text) == nil)
    }

    @Test func formatsUTCAndRoundTrips() {
        #expect(RFC3339.format(Date(timeIntervalSince1970: 1_735_787_045.9)) == "2025-01-02T03:04:05Z")
        #expect(RFC3339.format(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
        let date = Date(timeIntervalSince1970: 4_102_444_800)
        #expect(RFC3339.parse(RFC3339.format(date)) == date)
    }
}
