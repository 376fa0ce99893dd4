import Foundation
import Logging
import ChatCore

/// A swift-log handler that appends one line per record to a file, never to the terminal
/// (the terminal belongs to the chat screen). The file and its folder are created on the
/// first record, so commands that log nothing leave nothing behind.
struct FileLogHandler: LogHandler {
    /// The open file shared by every logger of the process; the mutex keeps lines whole. Past
    /// `maxBytes` the file becomes `parley.log.1` (replacing the one before) and a new one starts,
    /// so a long session's log stays two files of bounded size.
    final class Sink: Sendable {
        let path: String
        let maxBytes: Int
        /// The open file and how many bytes it holds.
        private let file = Locked<(descriptor: Int32, size: Int)?>(nil)

        static let defaultMaxBytes = 5 * 1024 * 1024

        init(path: String, maxBytes: Int = defaultMaxBytes) {
            self.path = path
            self.maxBytes = maxBytes
        }

        deinit {
            file.withLock { file in
                if let file { close(file.descriptor) }
            }
        }

        func write(_ line: String) {
            var bytes = Array(line.utf8)
            bytes.append(0x0A)
            file.withLock { file in
                if let open = file, open.size > 0, open.size + bytes.count > maxBytes {
                    close(open.descriptor)
                    _ = rename(path, path + ".1")
                    file = nil
                }
                if file == nil { file = Self.open(path) }
                guard let open = file, open.descriptor >= 0 else { return }
                var offset = 0
                while offset < bytes.count {
                    let written = bytes.withUnsafeBytes { Foundation.write(open.descriptor, $0.baseAddress! + offset, $0.count - offset) }
                    if written <= 0 { break }
                    offset += written
                }
                file = (open.descriptor, open.size + offset)
            }
        }

        /// Opens for appending, owner-only, creating the folder when needed, with the size it
        /// already has; a descriptor of -1 when impossible (logging must never stop the app).
        private static func open(_ path: String) -> (descriptor: Int32, size: Int) {
            let folder = (path as NSString).deletingLastPathComponent
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let descriptor = Foundation.open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
            var status = stat()
            let size = descriptor >= 0 && fstat(descriptor, &status) == 0 ? Int(status.st_size) : 0
            return (descriptor, size)
        }
    }

    private let label: String
    private let sink: Sink
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]

    init(label: String, sink: Sink, logLevel: Logger.Level = .info) {
        self.label = label
        self.sink = sink
        self.logLevel = logLevel
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra) { $1 } }
        let fields = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let timestamp = UTCDateTime(Date()).iso8601
        sink.write("\(timestamp) \(event.level) [\(label)] \(event.message)\(fields.isEmpty ? "" : " " + fields)")
    }
}
