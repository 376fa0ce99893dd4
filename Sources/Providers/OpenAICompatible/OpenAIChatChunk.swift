/// One `data:` payload of an OpenAI-style chat-completions stream (protocols.md §3.2), with
/// only what Parley reads. Tolerates role-only chunks, `content:null`, `choices:[]`.
struct OpenAIChatChunk: Decodable, Sendable {
    struct Delta: Decodable, Sendable {
        var content: String?
        var reasoning: String?
        var reasoningContent: String?

        enum CodingKeys: String, CodingKey {
            case content, reasoning
            case reasoningContent = "reasoning_content"
        }
    }

    struct Choice: Decodable, Sendable {
        var delta: Delta?
        var finishReason: String?
        var error: StreamErrorText?

        enum CodingKeys: String, CodingKey {
            case delta, error
            case finishReason = "finish_reason"
        }
    }

    struct Usage: Decodable, Sendable {
        var promptTokens: WireNumber?
        var completionTokens: WireNumber?
        var cost: WireNumber?

        enum CodingKeys: String, CodingKey {
            case cost
            case promptTokens = "prompt_tokens"
            case completionTokens = "completion_tokens"
        }
    }

    var choices: [Choice]?
    var usage: Usage?
    var error: StreamErrorText?
    /// `"error"` on older vLLM error payloads, whose text is then in `message`.
    var object: String?
    var message: String?
}
