import Foundation
import GRDB

/// How long a statement of the store waits for another connection's lock, and who hears that
/// it waits. SQLite calls the busy handler each time it finds the lock taken; the handler
/// pauses and says to try again until the time is up. Parley waits `standard`; a test that
/// holds a lock gives it back when it hears the store waiting for it.
public struct StoreLockWait: Sendable {
    public static let standard = StoreLockWait(seconds: 10)

    public var seconds: Int
    /// Hears each time a statement finds the lock taken, before it pauses.
    public var onWait: @Sendable () -> Void

    public init(seconds: Int, onWait: @escaping @Sendable () -> Void = {}) {
        self.seconds = seconds
        self.onWait = onWait
    }

    /// The pause between two tries: the tries add up to at least `seconds` of waiting.
    private static let pause = Duration.milliseconds(10)

    var busyMode: Database.BusyMode {
        let tries = seconds * 100, onWait = onWait
        return .callback { attempt in
            guard attempt < tries else { return false }
            onWait()
            Thread.sleep(forTimeInterval: Self.pause.inSeconds)
            return true
        }
    }
}
