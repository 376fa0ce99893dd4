import Foundation
import Hummingbird

/// The OpenAI-compatible API (protocols.md §3): `/models`, `/key`, `/chat/completions`, mounted
/// at `/api/v1` in OpenRouter's flavour and at `/v1` as a generic server (llama.cpp, vLLM).
struct OpenAIRoutes: Sendable {
    let state: SimulatorState
    /// `/api/v1`: OpenRouter's comments, error bodies and metadata.
    let openRouterStyle: Bool

    func register(on router: Router<BasicRequestContext>, prefix: String) {
        router.get("\(prefix)/models") { request, _ in try authorized(request) ?? models() }
        router.get("\(prefix)/key") { request, _ in try authorized(request) ?? key() }
        router.post("\(prefix)/chat/completions") { request, _ in
            if let refusal = authorized(request) { return refusal }
            return try await chat(request)
        }
    }

    static func errorBody(_ status: Int, _ message: String) -> [UInt8] {
        Array(#"{"error":{"code":\#(status),"message":"#.utf8) + JSONText.quoted(message) + Array(#"},"user_id":"user_simulated"}"#.utf8)
    }

    static func errorBody(_ status: Int, replacing replacement: String?) -> [UInt8] {
        let usual = switch status {
        case 401: "No auth credentials found"
        case 429: "Rate limit exceeded: free-models-per-day. Add 10 credits to unlock 1000 free model requests per day"
        case 502: "Provider returned error"
        case 503: "No available providers for the requested model"
        default: "Internal Server Error"
        }
        let message = replacement ?? usual
        return errorBody(status, message)
    }

    private static let bearerPrefix = "Bearer "

    /// The 401 to answer when a key is demanded and missing or wrong; nil when authorized.
    private func authorized(_ request: Request) -> Response? {
        guard let expected = state.scenario.apiKey else { return nil }
        let header = request.headers[.authorization] ?? ""
        guard header.hasPrefix(Self.bearerPrefix) else {
            return SimulatedResponse.json(Self.errorBody(401, "No auth credentials found"), status: .unauthorized)
        }
        guard header.dropFirst(Self.bearerPrefix.count) == expected else {
            return SimulatedResponse.json(Self.errorBody(401, "User not found."), status: .unauthorized)
        }
        return nil
    }

    private struct Pricing: Encodable {
        var prompt: String
        var completion: String
        var request = "0"
        var image = "0"
    }

    private struct TopProvider: Encodable {
        var context_length: Int
        var max_completion_tokens: Int?
        var is_moderated = false
    }

    private struct Architecture: Encodable {
        var input_modalities: [String]
        var output_modalities = ["text"]
        var tokenizer = "Other"
        var instruct_type: String? = nil

        enum CodingKeys: String, CodingKey {
            case input_modalities, output_modalities, tokenizer, instruct_type
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(input_modalities, forKey: .input_modalities)
            try container.encode(output_modalities, forKey: .output_modalities)
            try container.encode(tokenizer, forKey: .tokenizer)
            // OpenRouter sends `null`, not nothing.
            try container.encode(instruct_type, forKey: .instruct_type)
        }
    }

    private struct ModelEntry: Encodable {
        var id: String
        var canonical_slug: String
        var name: String
        var created = 1_727_740_800
        var object = "model"
        var owned_by: String
        var description: String
        var context_length: Int
        var architecture: Architecture
        var pricing: Pricing
        var top_provider: TopProvider
        var supported_parameters = ["max_tokens", "temperature", "top_p", "stop"]
    }

    private func models() throws -> Response {
        let entries = state.scenario.models.map { model in
            ModelEntry(
                id: model.name, canonical_slug: model.name, name: model.name,
                owned_by: String(model.name.split(separator: "/").first ?? "simulator"),
                description: "A simulated model served by parley-sim.", context_length: model.contextLength,
                architecture: Architecture(input_modalities: model.inputModalities),
                pricing: Pricing(prompt: model.promptPrice, completion: model.completionPrice),
                top_provider: TopProvider(context_length: model.contextLength, max_completion_tokens: 8192)
            )
        }
        return try SimulatedResponse.jsonEncoding(["data": entries])
    }

    private struct KeyInfo: Encodable {
        var label = "sk-or-v1-sim...key"
        var limit: Double? = nil
        var limit_remaining: Double? = nil
        var usage = 0.25
        var usage_daily = 0.05
        var is_free_tier = false

        enum CodingKeys: String, CodingKey {
            case label, limit, limit_remaining, usage, usage_daily, is_free_tier
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(label, forKey: .label)
            try container.encode(limit, forKey: .limit)
            try container.encode(limit_remaining, forKey: .limit_remaining)
            try container.encode(usage, forKey: .usage)
            try container.encode(usage_daily, forKey: .usage_daily)
            try container.encode(is_free_tier, forKey: .is_free_tier)
        }
    }

    private func key() throws -> Response {
        let scenario = state.scenario
        let info = KeyInfo(limit: scenario.keyLimit, limit_remaining: scenario.keyLimit.map { $0 - scenario.keyUsage }, usage: scenario.keyUsage)
        return try SimulatedResponse.jsonEncoding(["data": info])
    }

    private func chat(_ request: Request) async throws -> Response {
        let body: ChatRequestBody
        switch try await SimulatedResponse.decodeBody(ChatRequestBody.self, from: request) {
        case .failure(.missing): return SimulatedResponse.json(Self.errorBody(400, "missing request body"), status: .badRequest)
        case .failure(.invalid(let reason)): return SimulatedResponse.json(Self.errorBody(400, reason), status: .badRequest)
        case .success(let decoded): body = decoded
        }
        state.recordSampling(body.sampling)
        guard let messages = body.messages, !messages.isEmpty else {
            return SimulatedResponse.json(Self.errorBody(400, "[] is too short - 'messages'"), status: .badRequest)
        }
        let name = body.model ?? state.scenario.models.first?.name ?? ""
        guard let model = state.scenario.model(named: name) else {
            if openRouterStyle {
                return SimulatedResponse.json(Self.errorBody(400, "\(name) is not a valid model ID"), status: .badRequest)
            }
            return SimulatedResponse.json(Self.errorBody(404, "The model `\(name)` does not exist."), status: .notFound)
        }
        let behavior = state.behaviorForRequest(model: model.name)
        if let early = try await SimulatedResponse.beforeHeaders(behavior, request: request, errorBody: { Self.errorBody($0, replacing: $1) }) { return early }
        let framing = OpenAIFraming(model: model.name, openRouterStyle: openRouterStyle)
        let promptTokens = SimulatedResponse.promptTokens(messages.compactMap(\.content))
        guard body.stream ?? false else {
            let script = ReplyScript(behavior: behavior)
            return SimulatedResponse.json(framing.wholeReply(
                content: script.tokens.flatMap { $0 }, thinking: script.thinking.flatMap { $0 },
                promptTokens: promptTokens, completionTokens: script.tokens.count
            ))
        }
        let streamer = ReplyStreamer(framing: framing, behavior: behavior, promptTokens: promptTokens)
        return SimulatedResponse.stream(contentType: framing.contentType) { writer in try await streamer.write(to: &writer) }
    }
}
