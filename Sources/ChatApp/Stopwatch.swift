/// Time since it was made, read from an injected clock: the runtime paces frames, ticks and
/// partial saves by it, and a test moves a `TestClock` instead of waiting.
struct Stopwatch: Sendable {
    private let read: @Sendable () -> Duration

    init<C: Clock>(_ clock: C) where C.Duration == Duration {
        let start = clock.now
        read = { start.duration(to: clock.now) }
    }

    var elapsed: Duration { read() }
}
