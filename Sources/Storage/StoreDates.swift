import ChatCore
import Foundation
import GRDB

/// How the store writes and reads a date: SQLite's UTC text with milliseconds
/// (`2026-12-07 14:03:09.123`), the form GRDB wrote before, so rows old and new sort
/// together. Made and read by `UTCDateTime`, not GRDB's default, which runs Foundation's date
/// formatter and calendar and with them pulls ICU's locale and time-zone data into memory on
/// the first save.
enum StoreDates {
    static func text(_ date: Date) -> String {
        UTCDateTime(date).sqliteText
    }

    /// Text in any of SQLite's date forms, or a number of seconds since 1970 (how a store
    /// from elsewhere might hold one); nil for anything else.
    static func date(_ value: DatabaseValue) -> Date? {
        switch value.storage {
        case .string(let text): UTCDateTime.date(from: text)
        case .int64(let seconds): Date(timeIntervalSince1970: Double(seconds))
        case .double(let seconds) where seconds.isFinite: Date(timeIntervalSince1970: seconds)
        default: nil
        }
    }

    static let encoding = DatabaseDateEncodingStrategy.custom { text($0) }
    static let decoding = DatabaseDateDecodingStrategy.custom { date($0) }
}
