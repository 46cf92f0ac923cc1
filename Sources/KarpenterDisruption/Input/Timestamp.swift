import Foundation
import KarpenterAPI

/// RFC 3339 timestamps as Kubernetes writes them (KarpenterAPI's `RFC3339`).
enum Timestamp {
    static func parse(_ text: String?) -> Date? {
        text.flatMap(RFC3339.parse)
    }

    /// UTC, whole seconds.
    static func format(_ date: Date) -> String {
        RFC3339.format(date)
    }
}

/// A proleptic Gregorian date in UTC (Howard Hinnant's algorithms).
struct CivilDate: Hashable {
    var year: Int
    var month: Int
    var day: Int

    init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    init(daysSinceEpoch: Int) {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        day = doy - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    }

    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    var daysSinceEpoch: Int { Self.days(year: year, month: month, day: day) }

    /// 0 = Sunday.
    var weekday: Int {
        let days = daysSinceEpoch
        return ((days % 7) + 11) % 7  // 1970-01-01 was a Thursday (4)
    }
}
