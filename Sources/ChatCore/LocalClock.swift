import Foundation

/// A moment as the user's wall clock shows it, from the C library's `localtime_r` (the
/// system's zone files): Foundation's `DateFormatter` would load ICU's locale and time-zone
/// data, megabytes of memory, for two fixed numeric forms.
public enum LocalClock {
    /// `14:03:09`.
    public static func time(_ date: Date) -> String {
        let fields = local(date)
        return "\(padded(fields.tm_hour)):\(padded(fields.tm_min)):\(padded(fields.tm_sec))"
    }

    /// `2026-12-07 14:03`.
    public static func dateAndMinute(_ date: Date) -> String {
        let fields = local(date)
        return "\(Int(fields.tm_year) + 1900)-\(padded(fields.tm_mon + 1))-\(padded(fields.tm_mday)) \(padded(fields.tm_hour)):\(padded(fields.tm_min))"
    }

    private static func local(_ date: Date) -> tm {
        var seconds = time_t(UTCDateTime.secondsWithinRange(date).rounded(.down))
        var fields = tm()
        localtime_r(&seconds, &fields)
        return fields
    }

    private static func padded(_ value: Int32) -> String {
        value < 10 && value >= 0 ? "0\(value)" : "\(value)"
    }
}
