/// Time since it was made, read from an injected clock: whatever waits or measures (the
/// runtime's frames and ticks, the router's backoff and its time to first token) reads it, so
/// a test moves a `TestClock` instead of waiting.
public struct Stopwatch: Sendable {
    private let read: @Sendable () -> Duration

    public init<C: Clock>(_ clock: C) where C.Duration == Duration {
        let start = clock.now
        read = { start.duration(to: clock.now) }
    }

    public var elapsed: Duration { read() }
}
