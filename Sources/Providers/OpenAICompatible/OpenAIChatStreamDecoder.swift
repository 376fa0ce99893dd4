import ChatCore
import Foundation

/// Decodes the bytes of an OpenAI-style SSE chat stream (OpenRouter, llama.cpp, vLLM, LM Studio,
/// Ollama `/v1`) into `ChatEvent`s, chunk by chunk.
public typealias OpenAIChatStreamDecoder = ChatStreamDecoder<OpenAIChunkMapping>

/// Reads the events of an OpenAI-style chat stream. `finish_reason` and usage arrive in
/// separate chunks before `data: [DONE]`, so both are held until `[DONE]` and reported together
/// in `.done`. The common content delta takes a fast path; every other payload goes through
/// `JSONDecoder`.
public struct OpenAIChunkMapping: ChatChunkMapping {
    public typealias Framing = SSEDecoder

    private let usesFastPath: Bool
    private var stats = CompletionStats()
    /// Whether `data: [DONE]` has arrived.
    public private(set) var isComplete = false

    public init(usesFastPath: Bool) {
        self.usesFastPath = usesFastPath
    }

    public static var truncation: ProviderError {
        truncated("the stream ended without its final [DONE]; the answer may be incomplete")
    }

    public mutating func map(_ event: SSEEvent, into events: inout [ChatEvent]) throws {
        guard !isComplete else { return }
        if event.type == "error" {
            throw Self.streamError(StreamErrorText.fromBody(Array(event.data.utf8)))
        }
        if event.data == "[DONE]" {
            isComplete = true
            events.append(.done(stats))
            return
        }
        var data = event.data
        let handled = data.withUTF8 { utf8 in
            let raw = UnsafeRawBufferPointer(utf8)
            return usesFastPath && Self.fastDelta(raw, into: &events)
        }
        if handled { return }
        let chunk: OpenAIChatChunk
        do {
            chunk = try JSONDecoder().decode(OpenAIChatChunk.self, from: Data(event.data.utf8))
        } catch {
            throw data.withUTF8 { MalformedLine.error(UnsafeRawBufferPointer($0)) }
        }
        try apply(chunk, into: &events)
    }

    private mutating func apply(_ chunk: OpenAIChatChunk, into events: inout [ChatEvent]) throws {
        if let error = chunk.error { throw Self.streamError(error) }
        if chunk.object == "error" { throw Self.streamError(StreamErrorText(message: chunk.message ?? "unknown error", code: nil)) }
        for choice in chunk.choices ?? [] {
            if let error = choice.error { throw Self.streamError(error) }
            if choice.finishReason == "error" {
                throw Self.streamError(StreamErrorText(message: "the model stopped with finish_reason \"error\"", code: nil))
            }
            if let reasoning = choice.delta?.reasoning ?? choice.delta?.reasoningContent, !reasoning.isEmpty {
                events.append(.thinking(reasoning))
            }
            if let content = choice.delta?.content, !content.isEmpty { events.append(.text(content)) }
            if let reason = choice.finishReason { stats.finishReason = reason }
        }
        if let usage = chunk.usage {
            stats.promptTokens = usage.promptTokens?.count("prompt_tokens")
            stats.completionTokens = usage.completionTokens?.count("completion_tokens")
            stats.costUSD = usage.cost?.price("cost")
        }
    }

    private static func streamError(_ error: StreamErrorText) -> ProviderError {
        let code = error.code.map { " (\($0))" } ?? ""
        return ProviderError(
            .streamError,
            "the provider reported an error during the reply\(code): \(error.message)",
            hint: "the reply so far is kept; retry, or pick another model",
            status: error.code
        )
    }

    /// Reads a payload whose fields are all scalars except `choices`: one choice of scalars
    /// (`finish_reason` null or absent) and a `delta` of `role` and `content`. Anything else
    /// (errors, usage, reasoning, tool calls, finish) answers false and takes the full decode,
    /// as does a key given twice, so a duplicate is resolved one way only (the full decode's).
    private static func fastDelta(_ data: UnsafeRawBufferPointer, into events: inout [ChatEvent]) -> Bool {
        var scanner = JSONByteScanner(data)
        guard scanner.consume(0x7B) else { return false }
        var content: String?
        var sawChoice = false
        var sawDelta = false
        repeat {
            guard let key = scanner.key() else { return false }
            if key.equals("choices") {
                guard !sawChoice, scanner.consume(0x5B), scanner.consume(0x7B) else { return false }
                sawChoice = true
                repeat {
                    guard let field = scanner.key() else { return false }
                    if field.equals("delta") {
                        guard !sawDelta, let delta = scanner.messageDelta(thinkingKey: nil) else { return false }
                        sawDelta = true
                        content = delta.content
                    } else if field.equals("finish_reason") {
                        guard scanner.literal("null") != nil else { return false }
                    } else if field.equals("error") {
                        return false
                    } else {
                        guard scanner.skipScalarValue() != nil else { return false }
                    }
                } while scanner.consume(0x2C)
                guard scanner.consume(0x7D), scanner.consume(0x5D) else { return false }
            } else if key.equals("error") {
                return false
            } else if key.equals("object") {
                guard let object = scanner.string(), object != "error" else { return false }
            } else {
                guard scanner.skipScalarValue() != nil else { return false }
            }
        } while scanner.consume(0x2C)
        guard scanner.consume(0x7D), scanner.isAtEnd, sawChoice else { return false }
        if let content, !content.isEmpty { events.append(.text(content)) }
        return true
    }
}
