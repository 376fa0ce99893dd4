/// Newline-delimited JSON framing (Ollama's native streams): one JSON value per line,
/// blank lines skipped. Incremental over arbitrary chunks.
public struct NDJSONDecoder: StreamFraming {
    private var splitter: LineSplitter

    public init(maxLineBytes: Int = LineSplitter.defaultMaxLineBytes) {
        splitter = LineSplitter(maxLineBytes: maxLineBytes)
    }

    /// Feeds one chunk; `each` receives each complete, non-blank line.
    public mutating func feed(_ chunk: UnsafeRawBufferPointer, each: (UnsafeRawBufferPointer) throws -> Void) throws {
        try splitter.feed(chunk) { line in
            if !Self.isBlank(line) { try each(line) }
        }
    }

    /// Ends the stream, delivering a last line that had no line end.
    public mutating func finish(each: (UnsafeRawBufferPointer) throws -> Void) throws {
        try splitter.finish { line in
            if !Self.isBlank(line) { try each(line) }
        }
    }

    private static func isBlank(_ line: UnsafeRawBufferPointer) -> Bool {
        line.allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }
}
