import ChatCore
import Foundation

/// Cuts a byte stream into lines, incrementally: chunks may split anywhere (mid-line,
/// mid-codepoint, between `\r` and `\n`) and the lines come out the same. Line ends are
/// `\r\n`, `\n` or a lone `\r`; one leading UTF-8 BOM is dropped. Lines are cut from bytes,
/// before any UTF-8 decoding, so a split codepoint is harmless.
public struct LineSplitter: Sendable {
    /// Ollama's own client allows 8 MiB per line; twice that is generous and still bounded.
    public static let defaultMaxLineBytes = 16 * 1024 * 1024

    public let maxLineBytes: Int
    private var pending: [UInt8] = []
    /// The previous chunk ended in `\r`: a `\n` starting the next chunk belongs to it.
    private var swallowLineFeed = false
    /// Until three bytes have been seen, a BOM may still be forming.
    private var checkingForBOM = true

    public init(maxLineBytes: Int = LineSplitter.defaultMaxLineBytes) {
        self.maxLineBytes = maxLineBytes
    }

    /// Feeds one chunk; `onLine` receives each completed line without its line end. The
    /// buffer passed to `onLine` is valid only during the call.
    public mutating func feed(_ chunk: UnsafeRawBufferPointer, onLine: (UnsafeRawBufferPointer) throws -> Void) throws {
        if checkingForBOM {
            pending.append(contentsOf: chunk)
            guard pending.count >= 3 || !Self.bom.starts(with: pending) else { return }
            checkingForBOM = false
            var buffered = pending
            pending = []
            if buffered.starts(with: Self.bom) { buffered.removeFirst(3) }
            try buffered.withUnsafeBytes { try split($0, onLine: onLine) }
            return
        }
        try split(chunk, onLine: onLine)
    }

    public mutating func feed(_ chunk: [UInt8], onLine: (UnsafeRawBufferPointer) throws -> Void) throws {
        try chunk.withUnsafeBytes { try feed($0, onLine: onLine) }
    }

    /// Ends the stream: a last line without a line end is delivered too.
    public mutating func finish(onLine: (UnsafeRawBufferPointer) throws -> Void) throws {
        if checkingForBOM {
            checkingForBOM = false
            if pending.starts(with: Self.bom) { pending.removeFirst(3) }
        }
        guard !pending.isEmpty else { return }
        let last = pending
        pending = []
        try last.withUnsafeBytes { try onLine($0) }
    }

    private static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
    private static let lineFeed: UInt8 = 0x0A
    private static let carriageReturn: UInt8 = 0x0D

    private mutating func split(_ chunk: UnsafeRawBufferPointer, onLine: (UnsafeRawBufferPointer) throws -> Void) throws {
        var start = 0
        let count = chunk.count
        if swallowLineFeed, count > 0 {
            swallowLineFeed = false
            if chunk[0] == Self.lineFeed { start = 1 }
        }
        guard let base = chunk.baseAddress else { return }
        var index = start
        while index < count {
            // memchr finds the next line end far faster than a loop over bytes: `\n` first,
            // then a `\r` before it (rare, so the second search is short or absent).
            let rest = count - index
            let lineFeedAt = memchr(base + index, Int32(Self.lineFeed), rest).map { base.distance(to: $0) } ?? count
            let returnAt = memchr(base + index, Int32(Self.carriageReturn), lineFeedAt - index).map { base.distance(to: $0) }
            index = returnAt ?? lineFeedAt
            guard index < count else { break }
            let byte = chunk[index]
            let line = UnsafeRawBufferPointer(rebasing: chunk[start..<index])
            if pending.isEmpty {
                try checkLength(line.count)
                try onLine(line)
            } else {
                try checkLength(pending.count + line.count)
                pending.append(contentsOf: line)
                let joined = pending
                pending.removeAll(keepingCapacity: true)
                try joined.withUnsafeBytes { try onLine($0) }
            }
            index += 1
            if byte == Self.carriageReturn {
                if index < count {
                    if chunk[index] == Self.lineFeed { index += 1 }
                } else {
                    swallowLineFeed = true
                }
            }
            start = index
        }
        if start < count {
            try checkLength(pending.count + count - start)
            pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[start..<count]))
        }
    }

    private func checkLength(_ length: Int) throws {
        guard length <= maxLineBytes else {
            throw ProviderError(
                .lineTooLong,
                "the server sent a line longer than \(maxLineBytes / (1024 * 1024)) MiB; the stream was stopped",
                hint: "the server or a proxy in between is misbehaving; try again or use another provider"
            )
        }
    }
}
