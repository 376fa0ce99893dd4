import ChatCore
import Foundation

/// Decodes the bytes of an Ollama `/api/chat` NDJSON stream into `ChatEvent`s, chunk by chunk.
public typealias OllamaChatStreamDecoder = ChatStreamDecoder<OllamaChunkMapping>

/// Reads the lines of an Ollama `/api/chat` stream. The common line
/// (`{"model":…,"created_at":…,"message":{"role":"assistant","content":"…"},"done":false}`)
/// takes a fast path that reads it in place; every other line goes through `JSONDecoder`.
public struct OllamaChunkMapping: ChatChunkMapping {
    public typealias Framing = NDJSONDecoder

    private let usesFastPath: Bool
    /// Whether the final `done:true` record has arrived.
    public private(set) var isComplete = false

    public init(usesFastPath: Bool) {
        self.usesFastPath = usesFastPath
    }

    public static var truncation: ProviderError {
        truncated("the stream ended before Ollama said it was done; the answer may be incomplete")
    }

    public mutating func map(_ line: UnsafeRawBufferPointer, into events: inout [ChatEvent]) throws {
        guard !isComplete else { return }
        if usesFastPath, Self.fastDelta(line, into: &events) { return }
        let decoded: OllamaChatLine
        do {
            decoded = try Self.decodeLine(line)
        } catch {
            throw MalformedLine.error(line)
        }
        try apply(decoded, into: &events)
    }

    private static func decodeLine(_ line: UnsafeRawBufferPointer) throws -> OllamaChatLine {
        do {
            return try JSONDecoder().decode(OllamaChatLine.self, from: Data(line))
        } catch {
            guard let repaired = MalformedLine.repairingUTF8(line) else { throw error }
            return try JSONDecoder().decode(OllamaChatLine.self, from: Data(repaired))
        }
    }

    private mutating func apply(_ line: OllamaChatLine, into events: inout [ChatEvent]) throws {
        if let error = line.error {
            throw ProviderError(
                .streamError,
                "Ollama reported an error during the reply: \(error.message)",
                hint: "the reply so far is kept; retry, or pick another model"
            )
        }
        if let thinking = line.message?.thinking, !thinking.isEmpty { events.append(.thinking(thinking)) }
        if let content = line.message?.content, !content.isEmpty { events.append(.text(content)) }
        if line.done == true {
            isComplete = true
            events.append(.done(CompletionStats(
                finishReason: line.doneReason,
                promptTokens: line.promptEvalCount?.count("prompt_eval_count"),
                completionTokens: line.evalCount?.count("eval_count"),
                totalDurationNanos: line.totalDuration?.nanoseconds("total_duration"),
                loadDurationNanos: line.loadDuration?.nanoseconds("load_duration"),
                promptDurationNanos: line.promptEvalDuration?.nanoseconds("prompt_eval_duration"),
                generationDurationNanos: line.evalDuration?.nanoseconds("eval_duration")
            )))
        }
    }

    /// Reads a `done:false` line whose fields are all scalars except a `message` object of
    /// `role`, `content` and `thinking`. Anything else (the final record, errors, tool calls)
    /// answers false and takes the full decode, as does a key given twice, so a duplicate is
    /// resolved one way only (the full decode's).
    private static func fastDelta(_ line: UnsafeRawBufferPointer, into events: inout [ChatEvent]) -> Bool {
        var scanner = JSONByteScanner(line)
        guard scanner.consume(0x7B) else { return false }
        var content: String?
        var thinking: String?
        var sawDone = false
        var sawMessage = false
        repeat {
            guard let key = scanner.key() else { return false }
            if key.equals("message") {
                guard !sawMessage, let message = scanner.messageDelta(thinkingKey: "thinking") else { return false }
                sawMessage = true
                (content, thinking) = message
            } else if key.equals("done") {
                guard scanner.literal("false") != nil else { return false }
                sawDone = true
            } else if key.equals("error") {
                return false
            } else {
                guard scanner.skipScalarValue() != nil else { return false }
            }
        } while scanner.consume(0x2C)
        guard scanner.consume(0x7D), scanner.isAtEnd, sawDone else { return false }
        if let thinking, !thinking.isEmpty { events.append(.thinking(thinking)) }
        if let content, !content.isEmpty { events.append(.text(content)) }
        return true
    }
}
