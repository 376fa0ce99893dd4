import Foundation

/// Gives the terminal back when the process ends abnormally: a crash signal or `exit` from
/// elsewhere runs the restore (leave the alternate screen, turn off bracketed paste), then
/// the signal's default action. Normal quits, SIGINT/SIGTERM/SIGHUP and thrown errors are
/// handled by the runtime, which restores through the backend.
enum TerminalRestorer {
    static func install(_ restore: @escaping @convention(c) () -> Int32) {
        restoreFunction = restore
        atexit { TerminalRestorer.runRestore() }
        for signal in [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP] {
            Foundation.signal(signal) { received in
                TerminalRestorer.runRestore()
                Foundation.signal(received, SIG_DFL)
                raise(received)
            }
        }
    }

    static func uninstall() {
        restoreFunction = nil
    }

    /// Set once at start and cleared at the normal restore; read from a signal handler,
    /// which may only touch such a plain global.
    nonisolated(unsafe) private static var restoreFunction: (@convention(c) () -> Int32)?

    private static func runRestore() {
        guard let restore = restoreFunction else { return }
        restoreFunction = nil
        let reset = "\u{1B}[?2004l"
        _ = reset.withCString { Foundation.write(1, $0, strlen($0)) }
        _ = restore()
    }
}
