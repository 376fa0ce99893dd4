import Foundation
import Logging
import ChatCore

/// A swift-log handler that appends one line per record to a file, never to the terminal
/// (the terminal belongs to the chat screen). The file and its folder are created on the
/// first record, so commands that log nothing leave nothing behind.
public struct FileLogHandler: LogHandler {
    /// The open file shared by every logger of the process; the mutex keeps lines whole.
    public final class Sink: Sendable {
        public let path: String
        private let descriptor = Locked<Int32?>(nil)

        public init(path: String) {
            self.path = path
        }

        deinit {
            descriptor.withLock { fd in
                if let fd { close(fd) }
            }
        }

        func write(_ line: String) {
            descriptor.withLock { fd in
                if fd == nil { fd = Self.open(path) }
                guard let fd, fd >= 0 else { return }
                var bytes = Array(line.utf8)
                bytes.append(0x0A)
                var offset = 0
                while offset < bytes.count {
                    let written = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress! + offset, $0.count - offset) }
                    if written <= 0 { return }
                    offset += written
                }
            }
        }

        /// Opens for appending, owner-only, creating the folder when needed; -1 when impossible
        /// (logging must never stop the app).
        private static func open(_ path: String) -> Int32 {
            let folder = (path as NSString).deletingLastPathComponent
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            return Foundation.open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        }
    }

    private let label: String
    private let sink: Sink
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]

    public init(label: String, sink: Sink, logLevel: Logger.Level = .info) {
        self.label = label
        self.sink = sink
        self.logLevel = logLevel
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra) { $1 } }
        let fields = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let timestamp = Date().formatted(.iso8601)
        sink.write("\(timestamp) \(event.level) [\(label)] \(event.message)\(fields.isEmpty ? "" : " " + fields)")
    }
}
