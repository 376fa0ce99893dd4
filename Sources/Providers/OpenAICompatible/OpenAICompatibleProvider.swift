import ChatCore
import Foundation

/// A provider speaking the OpenAI chat-completions API: OpenRouter with its preset, or any
/// compatible server (llama.cpp, vLLM, LM Studio, Ollama's `/v1`) with the generic one.
public struct OpenAICompatibleProvider: ChatProvider {
    public let id: ProviderID
    public let kind = ProviderKind.openAICompatible
    public let baseURL: String
    public let defaultModel: String
    public let settings: ProviderSettings
    public let preset: OpenAIPreset
    private let transport: any HTTPStreaming

    public init(id: ProviderID, settings: ProviderSettings, baseURL: String? = nil, defaultModel: String? = nil, preset: OpenAIPreset, transport: any HTTPStreaming) {
        self.id = id
        self.settings = settings
        self.baseURL = baseURL ?? settings.baseURL
        self.defaultModel = defaultModel ?? settings.defaultModel
        self.preset = preset
        self.transport = transport
    }

    public var configuration: ProviderConfiguration { ProviderConfiguration(settings) }

    /// What a server might echo back that must not be shown: the key, the URL's password.
    private var secrets: [String] {
        (preset.apiKey.map { [$0.revealedForRequest] } ?? []) + (settings.credentials?.secrets ?? [])
    }
    public var unavailability: HealthStatus? { preset.unavailability }

    /// OpenRouter sends comments while it waits, so the first byte comes sooner than Ollama's.
    private var chatTimeouts: HTTPTimeouts { .chat(settings, firstByteFactor: 2) }
    private var quickTimeouts: HTTPTimeouts { .quick(settings) }

    private func request(_ method: String, _ path: String, body: [UInt8]? = nil, timeouts: HTTPTimeouts) -> HTTPRequest {
        var headers = preset.extraHeaders
        // The key goes only to this provider's own base URL, never anywhere else.
        if let key = preset.apiKey { headers.append(HTTPHeader("Authorization", "Bearer \(key.revealedForRequest)")) }
        return HTTPRequest(
            method: method, url: baseURL + path, headers: headers, body: body, timeouts: timeouts,
            connectionHint: "is \(preset.displayName) reachable at \(baseURL)? Check the network and the base URL",
            credentials: settings.credentials
        )
    }

    public func listModels() async throws -> [ModelInfo] {
        do {
            let models = try await JSONBody.fetch(OpenAIWire.Models.self, request("GET", "/models", timeouts: quickTimeouts), using: transport)
            return (models.data ?? []).map { model in
                ModelInfo(
                    provider: id, name: model.id, contextLength: model.context_length?.count("context_length"),
                    promptPrice: model.pricing?.prompt.flatMap(Double.init).flatMap { WireNumber($0).price("pricing.prompt") },
                    completionPrice: model.pricing?.completion.flatMap(Double.init).flatMap { WireNumber($0).price("pricing.completion") },
                    inputModalities: model.inputModalities
                )
            }
        } catch let error as ProviderError {
            throw refine(error, model: nil)
        }
    }

    public func streamChat(_ chat: ChatRequest) async throws -> ChatStream {
        if let unavailability {
            throw ProviderError(.notConfigured, "\(id) is \(unavailability.state.rawValue)", hint: unavailability.reason)
        }
        let body = OpenAIWire.ChatBody(
            model: chat.model,
            messages: chat.messages.map { OpenAIWire.MessageBody(role: $0.role.rawValue, content: $0.content) },
            stream: chat.stream, temperature: chat.temperature, max_tokens: chat.maxTokens,
            top_p: chat.sampling.topP, seed: chat.sampling.seed, stop: chat.sampling.stop.isEmpty ? nil : chat.sampling.stop,
            stream_options: chat.stream ? .init() : nil
        )
        let model = chat.model
        let chatRequest = request("POST", "/chat/completions", body: JSONBody.encode(body), timeouts: chatTimeouts)
        return try await ChatStream.start(chatRequest, family: .openAI, using: transport) { [self] in refine($0, model: model) }
    }

    public func checkHealth() async -> HealthReport {
        if let unavailability { return HealthReport(status: unavailability) }
        let start = ContinuousClock.now
        do {
            var credit: KeyCredit?
            if preset.checksKey {
                credit = try await JSONBody.fetch(OpenAIWire.KeyInfo.self, request("GET", "/key", timeouts: quickTimeouts), using: transport).credit
            }
            let models = try await listModels()
            let latency = (ContinuousClock.now - start).inSeconds
            var status = HealthStatus(state: .healthy, checkedAt: Date(), latencySeconds: latency, modelCount: models.count)
            status.credit = credit
            return HealthReport(status: status, models: models)
        } catch let error as ProviderError {
            let state: HealthState = error.kind == .serverError || error.kind == .rateLimited ? .degraded : .down
            return HealthReport(status: HealthStatus(state: state, checkedAt: Date(), reason: refine(error, model: nil).description))
        } catch {
            return HealthReport(status: HealthStatus(state: .down, checkedAt: Date(), reason: "\(error)"))
        }
    }

    /// Hints for this provider: which key to check, where to find valid model names.
    func refine(_ error: ProviderError, model: String?) -> ProviderError {
        var refined = error
        switch error.kind {
        case .unauthorized:
            refined.hint = preset.keyVariable.map { "check \($0)" } ?? "this server wants a key Parley does not have"
        case .modelNotFound:
            if let model { refined.message = "model '\(model)' not found on \(id) (\(baseURL))" }
            refined.hint = "see 'parley models --provider \(id)' for the models it has"
        case .badRequest where error.status == 402:
            refined.hint = "add credits to your account, or lower OPENROUTER_MAX_TOKENS"
        default:
            break
        }
        return refined.redacting(secrets)
    }
}
