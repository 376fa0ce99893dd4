/// Request and response bodies of the OpenAI-compatible API (protocols.md §3), as Parley uses them.
enum OpenAIWire {
    struct ChatBody: Encodable {
        struct StreamOptions: Encodable {
            var include_usage = true
        }

        var model: String
        var messages: [MessageBody]
        var stream: Bool
        var temperature: Double?
        var max_tokens: Int?
        var top_p: Double?
        var seed: Int?
        var stop: [String]?
        /// Asks servers that send usage only on request (llama.cpp, vLLM) to send it.
        var stream_options: StreamOptions?
    }

    struct MessageBody: Encodable {
        var role: String
        var content: String
    }

    /// `/models` in OpenRouter's schema; generic servers send a subset (`id` only), and
    /// Ollama's `/v1` sends `null` for an empty list.
    struct Models: Decodable {
        struct Model: Decodable {
            struct Pricing: Decodable {
                var prompt: String?
                var completion: String?
            }

            var id: String
            var context_length: WireNumber?
            var pricing: Pricing?
        }

        var data: [Model]?
    }

    /// `/key`: only its presence matters (200 = a valid key).
    struct KeyInfo: Decodable {}
}
