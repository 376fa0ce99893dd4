import Foundation

/// Starts a thread under a name `top -H`, `perf` and `/proc` show. Linux gives a new thread
/// its creator's name, usually a dispatch queue's, and Foundation applies a name set before
/// `start` only on Darwin.
public enum NamedThread {
    public static func start(_ name: String, _ body: @escaping @Sendable () -> Void) {
        let thread = Thread {
            nameThisThread(name)
            body()
        }
        thread.name = name
        thread.start()
    }

    /// Through `/proc/thread-self/comm`, which is `pthread_setname_np` without the C
    /// declaration Swift's Glibc module leaves out. The kernel keeps 15 bytes of it.
    private static func nameThisThread(_ name: String) {
        guard let file = fopen("/proc/thread-self/comm", "w") else { return }
        _ = fputs(String(decoding: name.utf8.prefix(15), as: UTF8.self), file)
        fclose(file)
    }
}
