import ChatCore
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

            struct Architecture: Decodable {
                var input_modalities: [String]?
            }

            var id: String
            var context_length: WireNumber?
            var pricing: Pricing?
            var architecture: Architecture?

            /// The input modalities as short words: a server's list is cut to a few entries of
            /// letters and digits, so a hostile one cannot fill a picker row or the terminal.
            var inputModalities: [String]? {
                guard let listed = architecture?.input_modalities else { return nil }
                let words = listed.prefix(8).compactMap { word -> String? in
                    let kept = String(word.prefix(16))
                    return !kept.isEmpty && kept.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) ? kept : nil
                }
                return words.isEmpty ? nil : words
            }
        }

        var data: [Model]?
    }

    /// `/key`: a 200 means a valid key; its limit, what is left of it and what it has spent
    /// are kept for the sidebar, each within a price's range.
    struct KeyInfo: Decodable {
        struct Data: Decodable {
            var limit: WireNumber?
            var limit_remaining: WireNumber?
            var usage: WireNumber?
        }

        var data: Data?

        var credit: KeyCredit? {
            guard let data else { return nil }
            let credit = KeyCredit(
                limitUSD: data.limit?.price("key.limit"), remainingUSD: data.limit_remaining?.price("key.limit_remaining"),
                usedUSD: data.usage?.price("key.usage")
            )
            return credit.limitUSD == nil && credit.remainingUSD == nil && credit.usedUSD == nil ? nil : credit
        }
    }
}
