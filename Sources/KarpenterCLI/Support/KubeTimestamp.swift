import Foundation

/// RFC 3339 timestamps as the API server writes them: `2025-03-01T10:00:00Z`, with optional
/// fractional seconds (MicroTime) and a numeric offset.
enum KubeTimestamp {
    static func parse(_ text: String) -> Date? {
        let characters = Array(text.utf8)
        guard characters.count >= 20, let year = number(characters, 0, 4), characters[4] == UInt8(ascii: "-"),
              let month = number(characters, 5, 2), characters[7] == UInt8(ascii: "-"), let day = number(characters, 8, 2),
              characters[10] == UInt8(ascii: "T") || characters[10] == UInt8(ascii: "t"),
              let hour = number(characters, 11, 2), characters[13] == UInt8(ascii: ":"), let minute = number(characters, 14, 2),
              characters[16] == UInt8(ascii: ":"), let second = number(characters, 17, 2) else { return nil }
        var index = 19
        var fraction = 0.0
        if index < characters.count, characters[index] == UInt8(ascii: ".") {
            index += 1
            var scale = 0.1
            while index < characters.count, let digit = digit(characters[index]) {
                fraction += Double(digit) * scale
                scale /= 10
                index += 1
            }
        }
        guard index < characters.count else { return nil }
        var offset = 0
        switch characters[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard index + 1 == characters.count else { return nil }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard index + 6 == characters.count, let hours = number(characters, index + 1, 2),
                  characters[index + 3] == UInt8(ascii: ":"), let minutes = number(characters, index + 4, 2) else { return nil }
            offset = (hours * 3600 + minutes * 60) * (characters[index] == UInt8(ascii: "-") ? -1 : 1)
        default:
            return nil
        }
        var components = DateComponents()
        components.calendar = Calendar(identifier: .gregorian)
        components.timeZone = TimeZone(secondsFromGMT: 0)
        (components.year, components.month, components.day) = (year, month, day)
        (components.hour, components.minute, components.second) = (hour, minute, second)
        guard components.isValidDate, let date = components.date else { return nil }
        return date.addingTimeInterval(fraction - Double(offset))
    }

    private static func number(_ characters: [UInt8], _ start: Int, _ count: Int) -> Int? {
        var value = 0
        for index in start..<(start + count) {
            guard let digit = digit(characters[index]) else { return nil }
            value = value * 10 + digit
        }
        return value
    }

    private static func digit(_ character: UInt8) -> Int? {
        character >= UInt8(ascii: "0") && character <= UInt8(ascii: "9") ? Int(character - UInt8(ascii: "0")) : nil
    }
}
