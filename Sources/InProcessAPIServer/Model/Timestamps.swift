import Foundation

/// RFC 3339 timestamps with second precision, UTC, as `metav1.Time` serializes them.
enum Timestamps {
    static func format(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        return Date(timeIntervalSince1970: seconds).formatted(.iso8601)
    }

    static func parse(_ text: String) -> Date? {
        try? Date(text, strategy: .iso8601)
    }
}

/// Random suffixes for `generateName`, from the alphabet apimachinery uses (no vowels, no
/// look-alike digits, so generated names never spell words).
enum NameSuffix {
    private static let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")

    static func random(length: Int = 5) -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<length).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] })
    }
}
