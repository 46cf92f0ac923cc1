import Foundation

/// A standard 5-field cron schedule (minute hour day-of-month month day-of-week) or a macro
/// (`@yearly`, `@annually`, `@monthly`, `@weekly`, `@daily`, `@midnight`, `@hourly`), in UTC.
/// Fields take `*`, `?`, numbers, names (JAN–DEC, SUN–SAT), ranges `a-b`, steps `*/n` and
/// `a-b/n`, and lists `a,b`. As in cron, when both day fields are restricted a day matches
/// either; when one is `*` both must match.
public struct CronSchedule: Sendable, Hashable {
    let minutes: UInt64
    let hours: UInt64
    let daysOfMonth: UInt64
    let months: UInt64
    let daysOfWeek: UInt64
    let dayFieldStarred: Bool

    public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        public var description: String
    }

    private static let macros = [
        "@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *", "@monthly": "0 0 1 * *",
        "@weekly": "0 0 * * 0", "@daily": "0 0 * * *", "@midnight": "0 0 * * *", "@hourly": "0 * * * *",
    ]
    private static let monthNames = ["jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
                                     "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12]
    private static let dayNames = ["sun": 0, "mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6]

    public init(parsing text: String) throws(ParseError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let expanded = Self.macros[trimmed.lowercased()] ?? trimmed
        let fields = expanded.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard fields.count == 5 else {
            throw ParseError(description: "expected 5 fields (minute hour day-of-month month day-of-week), got \(fields.count): \"\(text)\"")
        }
        let dom = try Self.field(fields[2], 1...31, names: [:])
        let dow = try Self.field(fields[4], 0...7, names: Self.dayNames)
        minutes = try Self.field(fields[0], 0...59, names: [:]).bits
        hours = try Self.field(fields[1], 0...23, names: [:]).bits
        daysOfMonth = dom.bits
        months = try Self.field(fields[3], 1...12, names: Self.monthNames).bits
        // 7 is Sunday too.
        daysOfWeek = dow.bits & (1 << 7) != 0 ? (dow.bits | 1) & ~(1 << 7) : dow.bits
        dayFieldStarred = dom.starred || dow.starred
    }

    private static func field(_ text: String, _ bounds: ClosedRange<Int>, names: [String: Int]) throws(ParseError) -> (bits: UInt64, starred: Bool) {
        var bits: UInt64 = 0
        var starred = false
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let pieces = part.split(separator: "/", omittingEmptySubsequences: false)
            guard pieces.count <= 2, !pieces[0].isEmpty else { throw ParseError(description: "bad field \"\(text)\"") }
            var step = 1
            if pieces.count == 2 {
                guard let parsed = Int(pieces[1]), parsed > 0 else { throw ParseError(description: "bad step in \"\(text)\"") }
                step = parsed
            }
            let range = pieces[0]
            var low: Int, high: Int
            if range == "*" || range == "?" {
                (low, high) = (bounds.lowerBound, bounds.upperBound)
                if step == 1 { starred = true }
            } else {
                let ends = range.split(separator: "-", omittingEmptySubsequences: false)
                guard ends.count <= 2, let first = value(ends[0], names) else { throw ParseError(description: "bad value in \"\(text)\"") }
                low = first
                if ends.count == 2 {
                    guard let last = value(ends[1], names) else { throw ParseError(description: "bad value in \"\(text)\"") }
                    high = last
                } else {
                    high = pieces.count == 2 ? bounds.upperBound : first
                }
            }
            guard bounds.contains(low), bounds.contains(high), low <= high else {
                throw ParseError(description: "value out of range \(bounds.lowerBound)-\(bounds.upperBound) in \"\(text)\"")
            }
            for value in stride(from: low, through: high, by: step) { bits |= 1 << UInt64(value) }
        }
        return (bits, starred)
    }

    private static func value(_ text: Substring, _ names: [String: Int]) -> Int? {
        Int(text) ?? names[text.lowercased()]
    }

    private func has(_ set: UInt64, _ value: Int) -> Bool { set & (1 << UInt64(value)) != 0 }

    private func dayMatches(_ date: CivilDate) -> Bool {
        let dom = has(daysOfMonth, date.day)
        let dow = has(daysOfWeek, date.weekday)
        return dayFieldStarred ? dom && dow : dom || dow
    }

    /// The first activation strictly after `date` (whole minutes), or nil when none comes
    /// before `limit` (the search is bounded so an impossible schedule, e.g. Feb 30, ends).
    public func next(after date: Date, notAfter limit: Date) -> Date? {
        var minute = Int((date.timeIntervalSince1970 / 60).rounded(.down)) + 1
        let limitMinute = Int((limit.timeIntervalSince1970 / 60).rounded(.down))
        while minute <= limitMinute {
            let day = Int((Double(minute) / 1440).rounded(.down))
            let civil = CivilDate(daysSinceEpoch: day)
            if !has(months, civil.month) {
                let nextMonth = civil.month == 12 ? CivilDate(year: civil.year + 1, month: 1, day: 1)
                    : CivilDate(year: civil.year, month: civil.month + 1, day: 1)
                minute = nextMonth.daysSinceEpoch * 1440
                continue
            }
            if !dayMatches(civil) {
                minute = (day + 1) * 1440
                continue
            }
            let minuteOfDay = minute - day * 1440
            if !has(hours, minuteOfDay / 60) {
                minute = day * 1440 + (minuteOfDay / 60 + 1) * 60
                continue
            }
            if !has(minutes, minuteOfDay % 60) {
                minute += 1
                continue
            }
            return Date(timeIntervalSince1970: Double(minute) * 60)
        }
        return nil
    }

    /// Whether a window of `duration` opened by this schedule contains `now`: the next
    /// activation after `now − duration` is at or before `now`.
    public func isActive(at now: Date, duration: TimeInterval) -> Bool {
        next(after: now.addingTimeInterval(-duration), notAfter: now) != nil
    }
}
