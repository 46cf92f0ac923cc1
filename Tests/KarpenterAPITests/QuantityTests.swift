import Foundation
import XCTest
@testable import KarpenterAPI

final class QuantityTests: XCTestCase {
    private func parse(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> Quantity {
        do {
            return try Quantity(parsing: text)
        } catch {
            XCTFail("\(text): unexpected error \(error)", file: file, line: line)
            return .zero
        }
    }

    // MARK: canonical form

    /// Input -> Kubernetes `String()` of the parsed value. Pairs come from apimachinery's
    /// TestQuantityParseEmit and TestQuantityString (including their "alternate" spellings)
    /// and from values in TestQuantityParse printed with the same canonicalisation rules.
    func testCanonicalFormMatchesKubernetes() {
        let table: [(String, String)] = [
            // TestQuantityParseEmit
            ("1Ki", "1Ki"), ("1Mi", "1Mi"), ("1Gi", "1Gi"), ("1024Mi", "1Gi"), ("1000M", "1G"),
            (".001Ki", "1024m"), (".000001Ki", "1024u"), (".000000001Ki", "1024n"),
            (".000000000001Ki", "2n"),
            // TestQuantityString alternates -> expected
            ("307200Ki", "300Mi"), ("6Ki", "6Ki"), ("1025024Mi", "1001Gi"), ("1024Gi", "1Ti"),
            ("5000m", "5"), ("0.5", "500m"), ("0.001T", "1G"), ("1000u", "1m"), ("80m", "80m"),
            ("1.08", "1080m"), ("1080000000n", "1080m"), ("300M", "300M"), ("1T", "1T"),
            ("1E", "1E"), ("1000E", "1e21"), ("5000E", "5e21"), ("1000000E", "1e24"),
            ("1234567M", "1234567M"), ("1234567m", "1234567m"), ("3k", "3k"), ("1025", "1025"),
            (".001e12", "1e9"), ("0.001e0", "1e-3"), ("1000e-12", "1e-9"), ("80e-3", "80e-3"),
            ("300e6", "300e6"), ("1e12", "1e12"), ("3e3", "3e3"), ("00", "0"), ("1n", "1n"),
            ("80n", "80n"), ("1080n", "1080n"), ("1u", "1u"), ("80u", "80u"), ("1080u", "1080u"),
            // The brief's examples
            ("1.5Gi", "1536Mi"), ("1000m", "1"), ("1e3", "1e3"), ("1E3", "1e3"), ("0.5Gi", "512Mi"),
            ("1024", "1024"), ("0", "0"), ("0Gi", "0"), ("0.0m", "0"), ("-0", "0"),
            // TestQuantityParse values, printed canonically
            ("100.035k", "100035"), ("0.0005k", "500m"), ("8.1k", "8100"), ("7.123456M", "7123456"),
            ("6.987654321G", "6987654321"), ("5.444T", "5444G"), ("40.1T", "40100G"),
            ("2.5P", "2500T"), ("1.01E", "1010P"), ("12E", "12E"), ("50k", "50k"),
            ("1.2e3", "1200"), ("1.3E+6", "1300e3"), ("1.53E12", "1530e9"), ("0.5e0", "500e-3"),
            ("3.001n", "4n"), ("1.1E-9", "2e-9"), ("0.0000000001", "1n"), ("0.9n", "1n"),
            ("0.00000012345", "124n"), ("0.5e-9", "1e-9"),
            ("100.035Ki", "102435840m"), ("0.5Mi", "512Ki"), ("0.05Gi", "53687091200m"),
            ("0.025Ti", "27487790694400m"), ("9Ei", "9223372036854775807"),
            ("9223372036854775807Ki", "9223372036854775807"),
            ("1.", "1"), ("1.G", "1G"), (".001", "1m"), (".0001k", "100m"), ("+1", "1"),
            // binary values that are not whole, or below 1024, print as decimal
            ("1.5Ki", "1536"), ("1023Ki", "1023Ki"), ("0.5Ki", "512"), ("1536", "1536"),
            ("15000", "15k"), ("1500", "1500"), ("2Ei", "2Ei"), ("1e-3", "1e-3"),
            // negatives
            ("-1.5Gi", "-1536Mi"), ("-100m", "-100m"), ("-0.5", "-500m"), ("-1e3", "-1e3"),
            ("-.001Ki", "-1024m"), ("-0.9n", "-1n"),
        ]
        XCTAssertGreaterThanOrEqual(table.count, 40)
        for (input, expected) in table {
            XCTAssertEqual(parse(input).canonical, expected, "canonical of \(input)")
        }
    }

    func testCanonicalOfComputedValues() {
        // TestMilliNewSet / TestNewSet
        XCTAssertEqual(Quantity(milli: 1).canonical, "1m")
        XCTAssertEqual(Quantity(milli: 1000).canonical, "1")
        XCTAssertEqual(Quantity(milli: 1_234_000).canonical, "1234")
        XCTAssertEqual(Quantity(milli: 1024, format: .binarySI).canonical, "1024m")
        XCTAssertEqual(Quantity(milli: 1024 * 1024, format: .binarySI).canonical, "1048576m")
        XCTAssertEqual(Quantity(milli: 1_000_000, format: .decimalExponent).canonical, "1e3")
        XCTAssertEqual(Quantity(integer: 1).canonical, "1")
        XCTAssertEqual(Quantity(integer: 1000).canonical, "1k")
        XCTAssertEqual(Quantity(integer: 1_234_000).canonical, "1234k")
        XCTAssertEqual(Quantity(integer: 1024, format: .binarySI).canonical, "1Ki")
        XCTAssertEqual(Quantity(integer: 1_000_000, format: .decimalExponent).canonical, "1e6")
        XCTAssertEqual(Quantity(integer: 1024 * 1024, format: .binarySI).canonical, "1Mi")
        XCTAssertEqual(Quantity(integer: 4, format: .binarySI).canonical, "4")
        XCTAssertEqual(Quantity(milli: 500, format: .binarySI).canonical, "500m")
        XCTAssertEqual(Quantity(nano: 5).canonical, "5n")
        XCTAssertEqual(Quantity(milli: -9010).canonical, "-9010m")
        XCTAssertEqual(Quantity(integer: 0, format: .binarySI).canonical, "0")
        // Beyond Ei there is no binary suffix: print decimal rather than drop the magnitude.
        let huge = Quantity(integer: 1 << 60, format: .binarySI) * 1024
        XCTAssertEqual(huge.canonical, "1180591620717411303424")
    }

    // MARK: parsing

    func testParsedValuesAndFormats() {
        let table: [(String, Int64, QuantityFormat)] = [  // input, nano value, format
            ("0", 0, .decimalSI), ("0Ki", 0, .binarySI), ("0n", 0, .decimalSI),
            ("1", 1_000_000_000, .decimalSI), ("100m", 100_000_000, .decimalSI),
            ("1n", 1, .decimalSI), ("1u", 1000, .decimalSI), ("1k", 1_000_000_000_000, .decimalSI),
            ("1M", 1_000_000_000_000_000, .decimalSI), ("+1", 1_000_000_000, .decimalSI),
            ("-1", -1_000_000_000, .decimalSI), (".5", 500_000_000, .decimalSI),
            ("5.", 5_000_000_000, .decimalSI), ("0.5", 500_000_000, .decimalSI),
            ("1Ki", 1024_000_000_000, .binarySI), ("1Mi", 1_048_576_000_000_000, .binarySI),
            ("1e3", 1_000_000_000_000, .decimalExponent), ("1E3", 1_000_000_000_000, .decimalExponent),
            ("1e-3", 1_000_000, .decimalExponent), ("2e+6", 2_000_000_000_000_000, .decimalExponent),
            ("1E", Int64.max, .decimalSI),  // 10^27 nano-units: nanoValue saturates
            ("0.000000000001Ki", 2, .decimalSI),  // rounds up, changes format
            ("0.5Ki", 512_000_000_000, .binarySI),
            ("12.34E-9", 13, .decimalExponent), ("1e-100", 1, .decimalExponent),
            ("-1e-100", -1, .decimalExponent), ("0e999999", 0, .decimalExponent),
            ("0.00000000000000000000000000000000000000000001", 1, .decimalSI),
            ("1.0000000000000000000000000000000000000000001", 1_000_000_001, .decimalSI),
        ]
        for (input, nanos, format) in table {
            let quantity = parse(input)
            XCTAssertEqual(quantity.nanoValue, nanos, "value of \(input)")
            XCTAssertEqual(quantity.format, format, "format of \(input)")
        }
        XCTAssertEqual(parse("1Pi").value, 1 << 50)
        XCTAssertEqual(parse("1Ei").value, 1 << 60)
        XCTAssertEqual(parse("1E").value, 1_000_000_000_000_000_000)
        XCTAssertEqual(parse("1P").value, 1_000_000_000_000_000)
        XCTAssertEqual(parse("1T").value, 1_000_000_000_000)
        XCTAssertEqual(parse("1G").value, 1_000_000_000)
        XCTAssertEqual(parse("1Gi").value, 1 << 30)
        XCTAssertEqual(parse("1Ti").value, 1 << 40)
    }

    func testBinaryValuesAreCappedLikeKubernetes() {
        XCTAssertEqual(parse("8Ei").value, Int64.max)
        XCTAssertEqual(parse("9Ei").value, Int64.max)
        XCTAssertEqual(parse("-9Ei").value, -Int64.max)
        XCTAssertEqual(parse("99999999999999999999999999999999999999999999Ei").value, Int64.max)
        XCTAssertEqual(parse("7Ei").value, 7 << 60)
    }

    func testDecimalValuesBeyondInt64AreExact() {
        let big = parse("18446744073709551616")
        XCTAssertEqual(big.canonical, "18446744073709551616")
        XCTAssertEqual(big.value, Int64.max)  // saturates
        XCTAssertGreaterThan(big, parse("9223372036854775807"))
        XCTAssertEqual(parse("1e29").canonical, "100e27")
        XCTAssertEqual(parse("-1e20").value, Int64.min)
    }

    func testRejectsWhatKubernetesRejects() {
        let invalid: [(String, String)] = [
            ("", "empty"),
            ("1.5.5", "more than one decimal point"),
            ("1.1.M", "more than one decimal point"),
            ("Gi", "number is missing"),
            ("m", "number is missing"),
            ("1GiB", "unknown suffix \"GiB\""),
            ("1 Gi", "whitespace"), (" 1", "whitespace"), ("1 ", "whitespace"),
            ("1e", "no digits"), ("-3.01e-", "no digits"), ("1E+", "no digits"),
            ("0x10", "unknown suffix \"x10\""),
            ("1mi", "unknown suffix \"mi\""), ("0.1mi", "unknown suffix"), ("0.1am", "unknown suffix"),
            ("aoeu", "number is missing"), (".5i", "unknown suffix"), ("1i", "unknown suffix"),
            ("-3.01i", "unknown suffix"), ("1+1.0M", "sign"), ("--1", "number is missing"),
            ("+", "no digits"), ("-", "no digits"), (".", "no digits"), ("+.", "no digits"),
            ("1K", "unknown suffix \"K\""), ("1k8", "unknown suffix"), ("1Ki2", "unknown suffix"),
            ("1e1.5", "whole number"), ("1.5e1.5", "whole number"), ("1kb", "unknown suffix"),
            ("١", "number is missing"), ("1\u{00A0}", "whitespace"),
        ]
        for (input, reason) in invalid {
            do {
                _ = try Quantity(parsing: input)
                XCTFail("\(input) parsed unexpectedly")
            } catch {
                XCTAssertEqual(error.kind, .format, input)
                XCTAssertEqual(error.input, input)
                XCTAssertTrue(error.reason.contains(reason), "\(input): \(error.reason)")
                XCTAssertTrue(error.description.contains("1.5Gi"), "message shows valid forms: \(error)")
            }
        }
    }

    func testErrorMessageSaysWhatWasWrongAndWhatIsValid() {
        do {
            _ = try Quantity(parsing: "1GiB")
            XCTFail("parsed")
        } catch {
            XCTAssertTrue(error.description.hasPrefix("invalid quantity \"1GiB\": unknown suffix \"GiB\""))
            XCTAssertTrue(error.description.contains("did you mean \"Gi\""))
            XCTAssertTrue(error.description.contains("Ki Mi Gi Ti Pi Ei"))
        }
        let hints = ["1mi": "Mi", "1KB": "k", "1K": "k", "2GB": "G", "1kib": "Ki"]
        for (input, hint) in hints {
            XCTAssertThrowsError(try Quantity(parsing: input)) { error in
                XCTAssertTrue("\(error)".contains("did you mean \"\(hint)\"?"), "\(input): \(error)")
            }
        }
        XCTAssertThrowsError(try Quantity(parsing: "1x")) { error in
            XCTAssertFalse("\(error)".contains("did you mean"))
        }
    }

    func testAbsurdlyLongInputIsRejectedQuickly() {
        let long = "1." + String(repeating: "0", count: 5000) + "1"
        XCTAssertThrowsError(try Quantity(parsing: long)) { error in
            XCTAssertTrue((error as? QuantityError)?.reason.contains("too long") == true)
        }
        let fine = "1." + String(repeating: "0", count: 2000) + "1"
        XCTAssertEqual(parse(fine).nanoValue, 1_000_000_001)
    }

    func testOverflowIsAnErrorNotACrash() {
        for input in ["1e30", "1e40", "-1e40", "1e2147483647", "340282366920938463463374607432E",
                      "1e99999999999"] {
            do {
                _ = try Quantity(parsing: input)
                XCTFail("\(input) parsed unexpectedly")
            } catch {
                XCTAssertEqual(error.kind, .overflow, input)
                XCTAssertTrue(error.description.contains("out of range"), error.description)
            }
        }
        XCTAssertThrowsError(try parse("1e29").multiplied(by: 10))
        XCTAssertThrowsError(try parse("2e29").adding(parse("2e29")))
        XCTAssertThrowsError(try parse("-2e29").subtracting(parse("2e29")))
    }

    // MARK: description and Codable

    func testDescriptionKeepsOriginalSpellingUntilModified() {
        let quantity = parse("1.5Gi")
        XCTAssertEqual(quantity.description, "1.5Gi")
        XCTAssertEqual(quantity.original, "1.5Gi")
        XCTAssertTrue(quantity.isOriginalSpelling)
        XCTAssertEqual(quantity.canonical, "1536Mi")
        XCTAssertEqual((quantity + .zero).description, "1536Mi")
        XCTAssertEqual(quantity.negated.description, "-1536Mi")
        XCTAssertEqual(quantity.canonicalized.description, "1536Mi")
        XCTAssertEqual(quantity.withFormat(.decimalSI).description, "1610612736")
        XCTAssertEqual(Quantity(milli: 1500).description, "1500m")
        XCTAssertEqual(Quantity(milli: 1500).original, "1500m")
        XCTAssertFalse(Quantity(milli: 1500).isOriginalSpelling)
        XCTAssertEqual(parse("+01.50").description, "+01.50")
    }

    func testDecodesStringsAndNumbersAndEncodesTheSpelling() throws {
        struct Limits: Codable {
            var values: [String: Quantity]
        }
        let json = #"{"values":{"a":"1.5Gi","b":2,"c":1.5,"d":" 100m ","e":"1e3","f":-3,"g":null}}"#
        let decoded = try JSONDecoder().decode(Limits.self, from: Data(json.utf8))
        XCTAssertEqual(decoded.values["a"], parse("1536Mi"))
        XCTAssertEqual(decoded.values["b"]?.value, 2)
        XCTAssertEqual(decoded.values["c"]?.milliValue, 1500)
        XCTAssertEqual(decoded.values["d"]?.milliValue, 100)
        XCTAssertEqual(decoded.values["e"]?.format, .decimalExponent)
        XCTAssertEqual(decoded.values["f"]?.value, -3)
        XCTAssertEqual(decoded.values["g"]?.isZero, true)

        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let encoded = String(decoding: try encoder.encode(decoded), as: UTF8.self)
        XCTAssertEqual(
            encoded,
            #"{"values":{"a":"1.5Gi","b":"2","c":"1.5","d":"100m","e":"1e3","f":"-3","g":"0"}}"#)

        let single = try JSONDecoder().decode(Quantity.self, from: Data(#""1.5Gi""#.utf8))
        XCTAssertEqual(String(decoding: try JSONEncoder().encode(single), as: UTF8.self), #""1.5Gi""#)
    }

    func testDecodingAnInvalidQuantityIsADecodingError() {
        XCTAssertThrowsError(try JSONDecoder().decode(Quantity.self, from: Data(#""1GiB""#.utf8))) { error in
            guard case DecodingError.dataCorrupted(let context) = error else {
                return XCTFail("unexpected \(error)")
            }
            XCTAssertTrue(context.debugDescription.contains("unknown suffix \"GiB\""))
        }
        XCTAssertThrowsError(try JSONDecoder().decode(Quantity.self, from: Data("true".utf8)))
        XCTAssertThrowsError(try JSONDecoder().decode(Quantity.self, from: Data("[1]".utf8)))
    }

    // MARK: equality, ordering, hashing

    func testEqualityAndHashingUseTheValue() {
        XCTAssertEqual(parse("1Gi"), parse("1024Mi"))
        XCTAssertEqual(parse("1Gi").hashValue, parse("1024Mi").hashValue)
        XCTAssertEqual(parse("1000m"), parse("1"))
        XCTAssertEqual(parse("1e3"), parse("1k"))
        XCTAssertEqual(parse("0Gi"), parse("-0"))
        XCTAssertEqual(parse("0Gi").hashValue, Quantity.zero.hashValue)
        XCTAssertNotEqual(parse("1G"), parse("1Gi"))
        XCTAssertEqual(Set([parse("1Gi"), parse("1024Mi"), parse("1073741824")]).count, 1)
        XCTAssertLessThan(parse("50m"), parse("100m"))
        XCTAssertGreaterThan(parse("10000T"), parse("100Gi"))
        XCTAssertLessThan(parse("-1"), parse("1n"))
        XCTAssertLessThan(parse("-2"), parse("-1"))
        XCTAssertEqual([parse("2"), parse("-1"), parse("500m")].sorted().map(\.description), ["-1", "500m", "2"])
    }

    // MARK: accessors

    func testValueAndMilliValueRoundAwayFromZero() {
        XCTAssertEqual(parse("1500m").value, 2)
        XCTAssertEqual(parse("-1500m").value, -2)
        XCTAssertEqual(parse("1").value, 1)
        XCTAssertEqual(parse("1n").value, 1)
        XCTAssertEqual(parse("1.0001").milliValue, 1001)
        XCTAssertEqual(parse("1n").milliValue, 1)
        XCTAssertEqual(parse("-1n").milliValue, -1)
        XCTAssertEqual(parse("9.01").milliValue, 9010)
        XCTAssertEqual(parse("0").milliValue, 0)
        XCTAssertEqual(parse("1e28").milliValue, Int64.max)
        XCTAssertEqual(parse("-1e28").milliValue, Int64.min)
        XCTAssertEqual(parse("9223372036854775807").value, Int64.max)
        XCTAssertEqual(parse("-9223372036854775808").value, Int64.min)
        XCTAssertEqual(parse("-9223372036854775809").value, Int64.min)
    }

    func testAsDoubleAndIsZero() {
        XCTAssertEqual(parse("1.5Gi").asDouble, 1_610_612_736)
        XCTAssertEqual(parse("250m").asDouble, 0.25)
        XCTAssertEqual(parse("-1e-3").asDouble, -0.001, accuracy: 1e-15)
        XCTAssertTrue(parse("0Mi").isZero)
        XCTAssertFalse(parse("1n").isZero)
        XCTAssertEqual(parse("-5").signum, -1)
    }

    // MARK: arithmetic

    func testArithmeticIsExactAndFollowsKubernetesFormatRules() {
        XCTAssertEqual(parse("100m") + parse("900m"), parse("1"))
        XCTAssertEqual((parse("1Gi") + parse("512Mi")).canonical, "1536Mi")
        XCTAssertEqual((parse("1Gi") - parse("1Gi")).canonical, "0")
        XCTAssertEqual((parse("1") - parse("1500m")).canonical, "-500m")
        // Non-zero left keeps its format; a zero left takes the right's format.
        XCTAssertEqual((parse("1k") + parse("24")).canonical, "1024")
        XCTAssertEqual((parse("1024") + parse("1Ki")).format, .decimalSI)
        XCTAssertEqual((Quantity.zero + parse("1Ki")).canonical, "1Ki")
        XCTAssertEqual((Quantity.zero - parse("1Ki")).canonical, "-1Ki")
        XCTAssertEqual((parse("0Gi") + parse("100m")).canonical, "100m")
        XCTAssertEqual((parse("1.5Gi") * 2).canonical, "3Gi")
        XCTAssertEqual((3 * parse("100m")).canonical, "300m")
        XCTAssertEqual((parse("100m") * -2).canonical, "-200m")
        XCTAssertEqual((-parse("2Ki")).canonical, "-2Ki")
        XCTAssertEqual(parse("1n") + parse("0.1n"), Quantity(nano: 2))
        var total = Quantity.zero
        for _ in 0..<10 { total += parse("100m") }
        XCTAssertEqual(total, parse("1"))
        total -= parse("1")
        XCTAssertTrue(total.isZero)
        XCTAssertEqual(try parse("1").adding(parse("1m")).canonical, "1001m")
        XCTAssertEqual(try parse("5Gi").subtracting(parse("1Gi")).canonical, "4Gi")
        XCTAssertEqual(try parse("1Ki").multiplied(by: 3).canonical, "3Ki")
    }

    func testOperatorsSaturateInsteadOfTrapping() {
        let big = parse("3e29")
        XCTAssertGreaterThan(big + big, big)
        XCTAssertLessThan(big.negated - big, big.negated)
        XCTAssertGreaterThan(big * 10, big)
        XCTAssertLessThan(big * -10, big.negated)
        XCTAssertEqual((big * Int.max).value, Int64.max)
    }

    func testIntegerAndMilliInitialisers() {
        XCTAssertEqual(Quantity(milli: 1500), parse("1.5"))
        XCTAssertEqual(Quantity(integer: 4, format: .binarySI), parse("4"))
        XCTAssertEqual(Quantity(integer: 4, format: .binarySI).format, .binarySI)
        XCTAssertEqual(Quantity(integer: Int64.max).value, Int64.max)
        XCTAssertEqual(Quantity(integer: Int64.min).value, Int64.min)
        XCTAssertEqual(Quantity(milli: Int64.min).milliValue, Int64.min)
        XCTAssertEqual(Quantity(integer: 0), .zero)
    }

    // MARK: resource lists

    func testResourceListAddAndSubtractTreatMissingKeysAsZero() {
        let requests: ResourceList = ["cpu": parse("500m"), "memory": parse("1Gi")]
        let more: ResourceList = ["cpu": parse("1500m"), "pods": parse("1")]
        let sum = requests.adding(more)
        XCTAssertEqual(sum, ["cpu": parse("2"), "memory": parse("1Gi"), "pods": parse("1")])
        XCTAssertEqual(sum["cpu"]?.canonical, "2")
        let left = requests.subtracting(more)
        XCTAssertEqual(left["cpu"]?.canonical, "-1")
        XCTAssertEqual(left["memory"]?.canonical, "1Gi")
        XCTAssertEqual(left["pods"]?.canonical, "-1")
        XCTAssertEqual(ResourceList.sum([requests, requests, more])["cpu"], parse("2500m"))
        XCTAssertEqual(ResourceList.sum([ResourceList]()), [:])
        XCTAssertEqual(requests.subtracting(requests).removingZeros, [:])
        XCTAssertEqual(requests.quantity("gpu"), .zero)
        XCTAssertEqual(requests.quantity("memory"), parse("1024Mi"))
    }
}
