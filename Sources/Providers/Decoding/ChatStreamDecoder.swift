import ChatCore

/// Decodes a chat stream's bytes into `ChatEvent`s, chunk by chunk: the framing cuts units,
/// the mapping reads them. `OllamaChatStreamDecoder` and `OpenAIChatStreamDecoder` are this
/// shell over their formats.
public struct ChatStreamDecoder<Mapping: ChatChunkMapping>: Sendable {
    // Inlinable, so a caller in another module (the benchmark, the fuzzer) gets the shell
    // specialised for its format rather than a generic call per unit.
    @usableFromInline var framing: Mapping.Framing
    @usableFromInline var mapping: Mapping

    public init(maxLineBytes: Int = LineSplitter.defaultMaxLineBytes, usesFastPath: Bool = true) {
        framing = Mapping.Framing(maxLineBytes: maxLineBytes)
        mapping = Mapping(usesFastPath: usesFastPath)
    }

    /// Whether the reply's final record has arrived.
    public var isComplete: Bool { mapping.isComplete }

    /// Decodes one chunk, appending what it completes to `events`. Throws on an error record,
    /// a malformed unit or an over-long line; events decoded before the failure are kept.
    @inlinable
    public mutating func decode(_ chunk: UnsafeRawBufferPointer, into events: inout [ChatEvent]) throws {
        var framing = takeFraming()
        defer { self.framing = framing }
        try framing.feed(chunk) { unit in try mapping.map(unit, into: &events) }
    }

    @inlinable
    public mutating func decode(_ chunk: [UInt8], into events: inout [ChatEvent]) throws {
        try chunk.withUnsafeBytes { try decode($0, into: &events) }
    }

    /// Ends the stream. A stream without its final record is truncated, not complete.
    @inlinable
    public mutating func finish(into events: inout [ChatEvent]) throws {
        var framing = takeFraming()
        defer { self.framing = framing }
        try framing.finish { unit in try mapping.map(unit, into: &events) }
        guard mapping.isComplete else { throw Mapping.truncation }
    }

    /// The framing, taken out to be fed: a copy left in place would share its line buffer with
    /// the one being fed, and every append would copy the buffer.
    @inlinable
    mutating func takeFraming() -> Mapping.Framing {
        let framing = self.framing
        self.framing = Mapping.Framing(maxLineBytes: 0)
        return framing
    }
}

extension ChatStreamDecoder where Mapping.Framing == SSEDecoder {
    /// Comment lines seen so far; a server that sends them is alive even when no token comes.
    public var commentCount: Int { framing.commentCount }
}
