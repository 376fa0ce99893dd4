import ChatCore
import Foundation

/// A non-streamed OpenAI-style reply (`stream:false`): one object with the whole message.
struct OpenAIChatCompletion: Decodable {
    struct Choice: Decodable {
        /// The whole message has the fields of a stream's delta.
        var message: OpenAIChatChunk.Delta?
        var finishReason: String?
        var error: StreamErrorText?

        enum CodingKeys: String, CodingKey {
            case message, error
            case finishReason = "finish_reason"
        }
    }

    var choices: [Choice]?
    var usage: OpenAIChatChunk.Usage?
    var error: StreamErrorText?

    /// The reply as the events a stream would have given.
    static func events(from bytes: [UInt8]) throws -> [ChatEvent] {
        let reply: OpenAIChatCompletion
        do {
            reply = try JSONDecoder().decode(OpenAIChatCompletion.self, from: Data(bytes))
        } catch {
            throw bytes.withUnsafeBytes { MalformedLine.error($0) }
        }
        if let error = reply.error ?? reply.choices?.first?.error {
            throw ProviderError(.streamError, "the provider reported an error: \(error.message)", hint: "retry, or pick another model", status: error.code)
        }
        var events: [ChatEvent] = []
        let message = reply.choices?.first?.message
        if let reasoning = message?.reasoning ?? message?.reasoningContent, !reasoning.isEmpty { events.append(.thinking(reasoning)) }
        if let content = message?.content, !content.isEmpty { events.append(.text(content)) }
        events.append(.done(CompletionStats(
            finishReason: reply.choices?.first?.finishReason,
            promptTokens: reply.usage?.promptTokens?.count("prompt_tokens"),
            completionTokens: reply.usage?.completionTokens?.count("completion_tokens"),
            costUSD: reply.usage?.cost?.price("cost")
        )))
        return events
    }
}
