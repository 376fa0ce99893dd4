import Foundation

/// A value shared between threads, reached only under a lock: the `withLock` of the standard
/// library's `Mutex`, on a pthread mutex (through `NSLock`). On Linux the standard `Mutex` is
/// built on futexes that ThreadSanitizer cannot see, so every access it guards was reported as
/// a race; a pthread mutex is understood, and the sanitizer runs stay meaningful.
public final class Locked<Value>: @unchecked Sendable {
    // Sendable is sound: `value` is read and written only inside `withLock`, which holds
    // `lock` for the whole access, so no two threads ever touch it at once.
    private let lock = NSLock()
    private var value: Value

    public init(_ value: Value) {
        self.value = value
    }

    public func withLock<Result, Failure: Error>(_ body: (inout Value) throws(Failure) -> Result) throws(Failure) -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
