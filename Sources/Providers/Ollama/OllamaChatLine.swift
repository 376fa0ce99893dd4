/// One line of Ollama's `/api/chat` stream (protocols.md §2.1), with only what Parley reads.
/// Metrics are omitted by Ollama when zero, so all are optional.
struct OllamaChatLine: Decodable, Sendable {
    struct Message: Decodable, Sendable {
        var content: String?
        var thinking: String?
    }

    var message: Message?
    var done: Bool?
    var doneReason: String?
    var totalDuration: WireNumber?
    var loadDuration: WireNumber?
    var promptEvalCount: WireNumber?
    var promptEvalDuration: WireNumber?
    var evalCount: WireNumber?
    var evalDuration: WireNumber?
    var error: StreamErrorText?

    enum CodingKeys: String, CodingKey {
        case message, done, error
        case doneReason = "done_reason"
        case totalDuration = "total_duration"
        case loadDuration = "load_duration"
        case promptEvalCount = "prompt_eval_count"
        case promptEvalDuration = "prompt_eval_duration"
        case evalCount = "eval_count"
        case evalDuration = "eval_duration"
    }
}
