import Foundation

/// A process as the store knows its writers: the boot it runs in, its pid and the tick it
/// started at. A pid alone is reused; with the start time and the boot it names one process,
/// so an answer whose writer is gone can be told from one another Parley is streaming now.
public struct ProcessIdentity: Hashable, Sendable, CustomStringConvertible {
    public var boot: String
    public var pid: Int32
    public var startTicks: UInt64

    public init(boot: String, pid: Int32, startTicks: UInt64) {
        self.boot = boot
        self.pid = pid
        self.startTicks = startTicks
    }

    /// This process.
    public static let current = ProcessIdentity(
        boot: currentBoot, pid: getpid(), startTicks: startTicks(of: getpid()) ?? 0
    )

    /// `boot/pid/start`, as stored.
    public var description: String { "\(boot)/\(pid)/\(startTicks)" }

    /// Reads back what `description` wrote; nil for anything else.
    public init?(_ text: String) {
        let fields = text.split(separator: "/", omittingEmptySubsequences: false)
        guard fields.count == 3, let pid = Int32(fields[1]), pid > 0, let start = UInt64(fields[2]) else { return nil }
        self.init(boot: String(fields[0]), pid: pid, startTicks: start)
    }

    /// Whether this process still runs. One of another boot does not; on this boot the pid
    /// must be alive and have started at the same tick (else the pid was reused).
    public var isRunning: Bool {
        guard boot == Self.currentBoot else { return false }
        if let start = Self.startTicks(of: pid) { return start == startTicks }
        // No /proc to ask: a live pid is taken at its word.
        return kill(pid, 0) == 0 || errno == EPERM
    }

    private static let currentBoot: String = {
        let text = (try? String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8)) ?? ""
        let boot = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return boot.isEmpty ? "boot" : boot
    }()

    /// Field 22 of `/proc/PID/stat`: clock ticks after boot when the process started. The
    /// command name (field 2) may hold spaces and parentheses, so fields are counted after its
    /// last `)`.
    private static func startTicks(of pid: Int32) -> UInt64? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")")
        else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // fields[0] is field 3 (the state), so field 22 is fields[19].
        guard fields.count > 19 else { return nil }
        return UInt64(fields[19])
    }
}
