import ChatCore

/// The usage counts of an answer, where the provider reported them.
struct Usage: Encodable, Sendable {
    var prompt_tokens: Int
    var completion_tokens: Int
    var total_tokens: Int

    init?(_ stats: CompletionStats?) {
        guard let stats, let prompt = stats.promptTokens, let completion = stats.completionTokens else { return nil }
        prompt_tokens = prompt
        completion_tokens = completion
        total_tokens = prompt.addingReportingOverflow(completion).overflow ? Int.max : prompt + completion
    }
}

/// A whole answer in OpenAI's `chat.completion` shape, with Parley's `parley` field.
struct CompletionBody: Encodable, Sendable {
    struct Choice: Encodable, Sendable {
        struct Message: Encodable, Sendable {
            var role = "assistant"
            var content: String
            /// The model's reasoning, as OpenRouter names it; absent when there is none.
            var reasoning: String?
        }

        var index = 0
        var message: Message
        var finish_reason: String
    }

    var id: String
    var object = "chat.completion"
    var created: Int
    var model: String
    var choices: [Choice]
    var usage: Usage?
    var parley: AnswerFacts
}

/// One `chat.completion.chunk` of a streamed answer; the first carries the `parley` field.
struct CompletionChunk: Encodable, Sendable {
    struct Choice: Encodable, Sendable {
        struct Delta: Encodable, Sendable {
            var role: String?
            var content: String?
            var reasoning: String?
        }

        var index = 0
        var delta: Delta
        var finish_reason: String?

        enum CodingKeys: String, CodingKey { case index, delta, finish_reason }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(index, forKey: .index)
            try container.encode(delta, forKey: .delta)
            // `null` until the last chunk, as OpenAI sends it.
            try container.encode(finish_reason, forKey: .finish_reason)
        }
    }

    var id: String
    var object = "chat.completion.chunk"
    var created: Int
    var model: String
    var choices: [Choice]
    var usage: Usage?
    var parley: AnswerFacts?

    /// The chunk as one SSE event.
    var event: [UInt8] {
        Array("data: ".utf8) + GatewayJSON.encode(self) + Array("\n\n".utf8)
    }
}
