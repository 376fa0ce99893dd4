import Foundation

/// A moment as UTC calendar fields, and the two text forms Parley reads and writes: ISO 8601
/// (RFC 3339, as Ollama and the log use) and SQLite's `YYYY-MM-DD HH:MM:SS.SSS` (the store's).
/// Plain arithmetic on the proleptic Gregorian calendar: Foundation's calendars and date
/// formatters bring ICU's time-zone and locale data into memory, megabytes of a chat
/// screen's footprint, for a program that only ever needs UTC.
public struct UTCDateTime: Equatable, Sendable {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int
    public var nanosecond: Int

    /// Seconds since 1970 of `date`, within years 1 to 9999 (what both text forms can say): a
    /// date outside (a damaged store's, a server's) is brought to the nearest end, and one
    /// that is not a number to 1970, rather than trapping in arithmetic.
    static func secondsWithinRange(_ date: Date) -> TimeInterval {
        let interval = date.timeIntervalSince1970
        return interval.isFinite ? min(max(interval, -62_135_596_800), 253_402_300_799) : 0
    }

    public init(_ date: Date) {
        let clamped = Self.secondsWithinRange(date)
        let whole = clamped.rounded(.down)
        let seconds = Int(whole)
        nanosecond = min(max(Int(((clamped - whole) * 1e9).rounded(.down)), 0), 999_999_999)
        let days = Self.floorDivide(seconds, 86_400)
        let ofDay = seconds - days * 86_400
        (year, month, day) = Self.civil(fromDays: days)
        hour = ofDay / 3600
        minute = ofDay % 3600 / 60
        second = ofDay % 60
    }

    /// The moment these fields name, nil when a field is out of its range.
    public var date: Date? {
        guard (1...9999).contains(year), (1...12).contains(month), (1...Self.days(inMonth: month, year: year)).contains(day),
              (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second),
              (0...999_999_999).contains(nanosecond) else { return nil }
        let seconds = Self.days(fromCivil: year, month, day) * 86_400 + hour * 3600 + minute * 60 + second
        return Date(timeIntervalSince1970: Double(seconds) + Double(nanosecond) / 1e9)
    }

    /// `2026-12-07T14:03:09Z`.
    public var iso8601: String {
        "\(datePart)T\(timePart)Z"
    }

    /// `2026-12-07 14:03:09.123`: SQLite's date-time text, which sorts as it reads.
    public var sqliteText: String {
        "\(datePart) \(timePart).\(Self.padded(nanosecond / 1_000_000, 3))"
    }

    /// Reads `YYYY-MM-DD`, optionally followed by `T` or a space, `HH:MM`, `:SS`, a fraction of
    /// any length, and a zone (`Z` or `±HH:MM`; none is UTC): RFC 3339 and SQLite's forms.
    /// Nil for anything else, or for a field out of range.
    public static func date(from text: some StringProtocol) -> Date? {
        var scanner = FieldReader(Array(text.utf8))
        guard let year = scanner.digits(4), scanner.skip("-"), let month = scanner.digits(2), scanner.skip("-"),
              let day = scanner.digits(2) else { return nil }
        var fields = UTCDateTime(year: year, month: month, day: day)
        var offset = 0
        if scanner.skip("T") || scanner.skip("t") || scanner.skip(" ") {
            guard let hour = scanner.digits(2), scanner.skip(":"), let minute = scanner.digits(2) else { return nil }
            fields.hour = hour
            fields.minute = minute
            if scanner.skip(":") {
                guard let second = scanner.digits(2) else { return nil }
                fields.second = second
                if scanner.skip(".") {
                    guard let nanosecond = scanner.fraction() else { return nil }
                    fields.nanosecond = nanosecond
                }
            }
            if scanner.skip("Z") || scanner.skip("z") {
                // UTC
            } else if let sign = scanner.sign() {
                guard let hours = scanner.digits(2) else { return nil }
                _ = scanner.skip(":")
                guard let minutes = scanner.digits(2), hours <= 23, minutes <= 59 else { return nil }
                offset = sign * (hours * 3600 + minutes * 60)
            }
        }
        guard scanner.atEnd, let date = fields.date else { return nil }
        return date.addingTimeInterval(Double(-offset))
    }

    private init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
        hour = 0
        minute = 0
        second = 0
        nanosecond = 0
    }

    private var datePart: String {
        "\(Self.padded(year, 4))-\(Self.padded(month, 2))-\(Self.padded(day, 2))"
    }

    private var timePart: String {
        "\(Self.padded(hour, 2)):\(Self.padded(minute, 2)):\(Self.padded(second, 2))"
    }

    private static func padded(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    private static func floorDivide(_ value: Int, _ divisor: Int) -> Int {
        value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
    }

    private static func isLeap(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    private static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    private static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date `days` after 1970-01-01 (Howard Hinnant's `civil_from_days`).
    private static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Reads ASCII fields off the front of a date's bytes.
    private struct FieldReader {
        let bytes: [UInt8]
        var position = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool { position == bytes.count }

        mutating func skip(_ character: Character) -> Bool {
            guard position < bytes.count, let ascii = character.asciiValue, bytes[position] == ascii else { return false }
            position += 1
            return true
        }

        mutating func digits(_ count: Int) -> Int? {
            guard position + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[position..<position + count] {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            position += count
            return value
        }

        /// Digits after the point as nanoseconds; past the ninth they are read and dropped.
        mutating func fraction() -> Int? {
            var value = 0, count = 0
            while position < bytes.count, (0x30...0x39).contains(bytes[position]) {
                if count < 9 { value = value * 10 + Int(bytes[position] - 0x30) }
                count += 1
                position += 1
            }
            guard count > 0 else { return nil }
            for _ in min(count, 9)..<9 { value *= 10 }
            return value
        }

        mutating func sign() -> Int? {
            if skip("+") { return 1 }
            if skip("-") { return -1 }
            return nil
        }
    }
}
