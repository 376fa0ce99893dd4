/// A `Duration` in the units the C and Foundation APIs around Parley take. Each saturates
/// instead of trapping: a duration can come from a server (`Retry-After`).
extension Duration {
    /// Seconds, with the fraction.
    public var inSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }

    /// Whole milliseconds, clamped to `Int`'s range.
    public var wholeMilliseconds: Int {
        Self.clamped(components.seconds, times: 1000, plus: components.attoseconds / 1_000_000_000_000_000)
    }

    /// Whole nanoseconds, clamped to `Int`'s range.
    public var wholeNanoseconds: Int {
        Self.clamped(components.seconds, times: 1_000_000_000, plus: components.attoseconds / 1_000_000_000)
    }

    private static func clamped(_ seconds: Int64, times scale: Int64, plus part: Int64) -> Int {
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: scale)
        guard !overflow else { return seconds < 0 ? Int.min : Int.max }
        let (sum, overflowed) = scaled.addingReportingOverflow(part)
        guard !overflowed else { return part < 0 ? Int.min : Int.max }
        return Int(sum)
    }
}
