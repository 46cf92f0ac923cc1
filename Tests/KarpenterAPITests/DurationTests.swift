import Foundation
import XCTest
@testable import KarpenterAPI

final class DurationTests: XCTestCase {
    private let second: Int64 = 1_000_000_000
    private let minute: Int64 = 60_000_000_000
    private let hour: Int64 = 3_600_000_000_000

    private func parse(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> Int64? {
        do {
            return try GoDuration(parsing: text).nanoseconds
        } catch {
            XCTFail("\(text): unexpected error \(error)", file: file, line: line)
            return nil
        }
    }

    // MARK: ParseDuration (cases from Go's time package tests)

    func testParsesLikeGo() {
        let ms: Int64 = 1_000_000
        let table: [(String, Int64)] = [
            ("0", 0), ("5s", 5 * second), ("30s", 30 * second), ("1478s", 1478 * second),
            ("-5s", -5 * second), ("+5s", 5 * second), ("-0", 0), ("+0", 0),
            ("5.0s", 5 * second), ("5.6s", 5 * second + 600 * ms), ("5.s", 5 * second),
            (".5s", 500 * ms), ("1.0s", second), ("1.00s", second), ("1.004s", second + 4 * ms),
            ("1.0040s", second + 4 * ms), ("100.00100s", 100 * second + ms),
            ("10ns", 10), ("11us", 11_000), ("12\u{00B5}s", 12_000), ("12\u{03BC}s", 12_000),
            ("13ms", 13 * ms), ("14s", 14 * second), ("15m", 15 * minute), ("16h", 16 * hour),
            ("3h30m", 3 * hour + 30 * minute), ("10.5s4m", 4 * minute + 10 * second + 500 * ms),
            ("-2m3.4s", -(2 * minute + 3 * second + 400 * ms)),
            ("1h2m3s4ms5us6ns", hour + 2 * minute + 3 * second + 4 * ms + 5_000 + 6),
            ("39h9m14.425s", 39 * hour + 9 * minute + 14 * second + 425 * ms),
            ("52763797000ns", 52_763_797_000),
            ("0.3333333333333333333h", 20 * minute),
            ("9007199254740993ns", (1 << 53) + 1),
            ("9223372036854775807ns", Int64.max),
            ("9223372036854775.807us", Int64.max),
            ("9223372036s854ms775us807ns", Int64.max),
            ("-9223372036854775808ns", Int64.min),
            ("-9223372036854775.808us", Int64.min),
            ("-9223372036s854ms775us808ns", Int64.min),
            ("-2562047h47m16.854775808s", Int64.min),
            ("0.100000000000000000000h", 6 * minute),
            ("0.830103483285477580700h", 49 * minute + 48 * second + 372_539_827),
            // Karpenter's usual values
            ("720h", 720 * hour), ("1h30m", 90 * minute), ("1.5h", 90 * minute), ("300ms", 300 * ms),
            ("2us", 2_000), ("2µs", 2_000), ("1ns", 1), ("-1m", -minute), ("0s", 0), ("1h0m0s", hour),
        ]
        for (input, expected) in table {
            XCTAssertEqual(parse(input), expected, input)
        }
    }

    func testRejectsWhatGoRejects() {
        let table: [(String, String)] = [
            ("", #"time: invalid duration """#),
            ("3", #"time: missing unit in duration "3""#),
            ("1", #"time: missing unit in duration "1""#),
            ("1h30", #"time: missing unit in duration "1h30""#),
            ("-", #"time: invalid duration "-""#),
            ("s", #"time: invalid duration "s""#),
            ("h", #"time: invalid duration "h""#),
            (".", #"time: invalid duration ".""#),
            ("-.", #"time: invalid duration "-.""#),
            (".s", #"time: invalid duration ".s""#),
            ("+.s", #"time: invalid duration "+.s""#),
            ("1d", #"time: unknown unit "d" in duration "1d""#),
            ("1w", #"time: unknown unit "w" in duration "1w""#),
            ("1H", #"time: unknown unit "H" in duration "1H""#),
            ("1 h", #"time: unknown unit " h" in duration "1 h""#),
            ("\u{FFFD}", "time: invalid duration \"\u{FFFD}\""),
            ("--1s", #"time: invalid duration "--1s""#),
            ("Never", #"time: invalid duration "Never""#),
            ("9223372036854775810ns", #"time: invalid duration "9223372036854775810ns""#),
            ("9223372036854775808ns", #"time: invalid duration "9223372036854775808ns""#),
            ("-9223372036854775809ns", #"time: invalid duration "-9223372036854775809ns""#),
            ("9223372036854776us", #"time: invalid duration "9223372036854776us""#),
            ("3000000h", #"time: invalid duration "3000000h""#),
            ("9223372036854775.808us", #"time: invalid duration "9223372036854775.808us""#),
            ("9223372036854ms775us808ns", #"time: invalid duration "9223372036854ms775us808ns""#),
            ("99999999999999999999999h", #"time: invalid duration "99999999999999999999999h""#),
        ]
        for (input, message) in table {
            do {
                let parsed = try GoDuration(parsing: input)
                XCTFail("\(input) parsed unexpectedly as \(parsed)")
            } catch {
                XCTAssertEqual(error.goMessage, message, input)
                XCTAssertEqual(error.input, input)
                XCTAssertTrue(error.description.hasPrefix(message))
                XCTAssertTrue(error.description.contains("units are ns, us (or µs), ms, s, m, h"))
            }
        }
    }

    func testErrorKinds() {
        XCTAssertThrowsError(try GoDuration(parsing: "1d")) { error in
            XCTAssertEqual((error as? DurationError)?.kind, .unknownUnit("d"))
        }
        XCTAssertThrowsError(try GoDuration(parsing: "3000000h")) { error in
            XCTAssertEqual((error as? DurationError)?.kind, .overflow)
            XCTAssertTrue("\(error)".contains("out of range"))
        }
        XCTAssertThrowsError(try GoDuration(parsing: "1")) { error in
            XCTAssertEqual((error as? DurationError)?.kind, .missingUnit)
        }
    }

    // MARK: Duration.String (cases from Go's time package tests)

    func testFormatsLikeGo() {
        let table: [(Int64, String)] = [
            (0, "0s"), (1, "1ns"), (1100, "1.1µs"), (2_200_000, "2.2ms"), (3_300_000_000, "3.3s"),
            (4 * minute + 5 * second, "4m5s"), (4 * minute + 5_001_000_000, "4m5.001s"),
            (5 * hour + 6 * minute + 7_001_000_000, "5h6m7.001s"), (8 * minute + 1, "8m0.000000001s"),
            (Int64.max, "2562047h47m16.854775807s"), (Int64.min, "-2562047h47m16.854775808s"),
            (720 * hour, "720h0m0s"), (90 * minute, "1h30m0s"), (1_500_000_000, "1.5s"),
            (300_000_000, "300ms"), (2_000, "2µs"), (-minute, "-1m0s"), (-1, "-1ns"),
            (999_999_999, "999.999999ms"), (second, "1s"), (hour, "1h0m0s"),
        ]
        for (nanoseconds, expected) in table {
            XCTAssertEqual(GoDuration(nanoseconds: nanoseconds).description, expected)
        }
    }

    func testFormatParsesBackToTheSameValue() throws {
        for nanoseconds: Int64 in [0, 1, 999, 1_234_567, 59 * second, 61 * minute + 1, Int64.max, Int64.min, -123_456_789_012] {
            let text = GoDuration(nanoseconds: nanoseconds).description
            XCTAssertEqual(try GoDuration(parsing: text).nanoseconds, nanoseconds, text)
        }
    }

    func testConvenienceValues() {
        XCTAssertEqual(GoDuration.hours(720), try GoDuration(parsing: "720h"))
        XCTAssertEqual(GoDuration.minutes(90).description, "1h30m0s")
        XCTAssertEqual(GoDuration.seconds(30).seconds, 30)
        XCTAssertEqual(GoDuration.milliseconds(1500).timeInterval, 1.5)
        XCTAssertEqual(GoDuration.hours(Int64.max).nanoseconds, Int64.max)
        XCTAssertEqual(GoDuration.hours(Int64.min).nanoseconds, Int64.min)
        XCTAssertEqual(GoDuration(nanoseconds: 1_500_000_000).swiftDuration, .milliseconds(1500))
        XCTAssertLessThan(GoDuration.seconds(59), GoDuration.minutes(1))
        XCTAssertEqual(GoDuration(nanoseconds: -1_500_000_000).seconds, -1.5)
    }

    func testGoDurationCodableUsesGoString() throws {
        let decoded = try JSONDecoder().decode([GoDuration].self, from: Data(#"["720h","100ms","-1.5h"]"#.utf8))
        XCTAssertEqual(decoded.map(\.nanoseconds), [720 * hour, 100_000_000, -90 * minute])
        let encoded = String(decoding: try JSONEncoder().encode(decoded), as: UTF8.self)
        XCTAssertEqual(encoded, #"["720h0m0s","100ms","-1h30m0s"]"#)
        XCTAssertThrowsError(try JSONDecoder().decode(GoDuration.self, from: Data(#""1d""#.utf8))) { error in
            guard case DecodingError.dataCorrupted(let context) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(context.debugDescription.contains(#"unknown unit "d""#))
        }
        XCTAssertThrowsError(try JSONDecoder().decode(GoDuration.self, from: Data("5".utf8)))
    }

    // MARK: NillableDuration

    func testNillableDurationParsesNeverAndDurations() throws {
        let never = try NillableDuration(parsing: "Never")
        XCTAssertTrue(never.isNever)
        XCTAssertNil(never.duration)
        XCTAssertEqual(never, .never)
        XCTAssertEqual(never.description, "Never")

        let expire = try NillableDuration(parsing: "720h")
        XCTAssertFalse(expire.isNever)
        XCTAssertEqual(expire.duration, .hours(720))
        XCTAssertEqual(expire.description, "720h")
        XCTAssertEqual(expire, NillableDuration(.hours(720)))
        XCTAssertEqual(expire.hashValue, NillableDuration(.hours(720)).hashValue)
        XCTAssertEqual(NillableDuration(.hours(720)).description, "720h0m0s")
        XCTAssertNotEqual(expire, .never)

        XCTAssertThrowsError(try NillableDuration(parsing: "never"))
        XCTAssertThrowsError(try NillableDuration(parsing: "1d"))
        XCTAssertThrowsError(try NillableDuration(parsing: ""))
    }

    func testNillableDurationCodableKeepsTheSpelling() throws {
        struct Disruption: Codable {
            var consolidateAfter: NillableDuration
            var expireAfter: NillableDuration
            var other: NillableDuration?
        }
        let json = #"{"consolidateAfter":"Never","expireAfter":"720h"}"#
        let decoded = try JSONDecoder().decode(Disruption.self, from: Data(json.utf8))
        XCTAssertTrue(decoded.consolidateAfter.isNever)
        XCTAssertEqual(decoded.expireAfter.duration?.nanoseconds, 720 * hour)
        XCTAssertNil(decoded.other)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        XCTAssertEqual(String(decoding: try encoder.encode(decoded), as: UTF8.self), json)

        let built = Disruption(consolidateAfter: .never, expireAfter: NillableDuration(.seconds(30)), other: nil)
        XCTAssertEqual(
            String(decoding: try encoder.encode(built), as: UTF8.self),
            #"{"consolidateAfter":"Never","expireAfter":"30s"}"#)

        XCTAssertThrowsError(try JSONDecoder().decode(NillableDuration.self, from: Data(#""30d""#.utf8)))
        XCTAssertThrowsError(try JSONDecoder().decode(NillableDuration.self, from: Data("30".utf8)))
    }
}
