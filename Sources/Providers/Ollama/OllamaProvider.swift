import ChatCore
import Foundation

/// Ollama through its native API: models from `/api/tags`, details from `/api/show`, chat
/// through `/api/chat` (NDJSON), health from `/api/version`, `/api/tags` and `/api/ps`.
public struct OllamaProvider: ChatProvider {
    public let id: ProviderID
    public let kind = ProviderKind.ollama
    public let baseURL: String
    public let defaultModel: String
    public let settings: ProviderSettings
    let transport: any HTTPStreaming
    private let descriptions = ModelDescriptions()

    public init(id: ProviderID = .ollama, settings: ProviderSettings, baseURL: String? = nil, transport: any HTTPStreaming) {
        self.id = id
        self.settings = settings
        self.baseURL = baseURL ?? settings.baseURL
        defaultModel = settings.defaultModel
        self.transport = transport
    }

    public var configuration: ProviderConfiguration { ProviderConfiguration(settings) }

    public var unavailability: HealthStatus? {
        settings.enabled ? nil : HealthStatus(state: .disabled, reason: "\(id.settingsPrefix)_ENABLED=false")
    }

    /// Chats wait long for the first byte: Ollama sends nothing while it loads a model.
    private var chatTimeouts: HTTPTimeouts { .chat(settings, firstByteFactor: 10) }
    var quickTimeouts: HTTPTimeouts { .quick(settings) }

    private var connectionHint: String {
        BaseURL.isLoopback(baseURL)
            ? "is Ollama running? Start it with 'ollama serve'"
            : "is Ollama running at \(baseURL)? Start it there with 'ollama serve', or check OLLAMA_BASE_URL"
    }

    func request(_ method: String, _ path: String, body: [UInt8]? = nil, timeouts: HTTPTimeouts) -> HTTPRequest {
        // A proxy in front of Ollama may want a key: it goes to this provider's URL only.
        let headers = settings.apiKey.map { [HTTPHeader("Authorization", "Bearer \($0.revealedForRequest)")] } ?? []
        return HTTPRequest(
            method: method, url: baseURL + path, headers: headers, body: body, timeouts: timeouts, connectionHint: connectionHint,
            credentials: settings.credentials
        )
    }

    public func offers(_ name: String, in models: [ModelInfo]) -> Bool {
        models.contains { ModelRef.sameOllamaModel($0.name, name) }
    }

    public func listModels() async throws -> [ModelInfo] {
        do {
            let tags = try await JSONBody.fetch(OllamaWire.Tags.self, request("GET", "/api/tags", timeouts: quickTimeouts), using: transport)
            return (tags.models ?? []).map { model in
                ModelInfo(
                    provider: id, name: model.name, sizeBytes: model.size?.bytes("size"), parameterSize: model.details?.parameter_size,
                    quantization: model.details?.quantization_level, family: model.details?.family
                )
            }
        } catch let error as ProviderError {
            throw refine(error, model: nil)
        }
    }

    /// How many `/api/show` requests run at once: a server listing tens of thousands of
    /// models must not get (nor cost Parley) one transfer per model at the same time.
    public static let concurrentDetailRequests = 4

    /// `models` with their details, each asked once (then remembered), a few at a time, in
    /// their order.
    public func details(of models: [ModelInfo]) async -> [ModelInfo] {
        var detailed = models.map { descriptions.described($0) ?? $0 }
        let unknown = models.indices.filter { descriptions.described(models[$0]) == nil }
        await withTaskGroup(of: (Int, ModelInfo?).self) { group in
            var next = 0
            while next < unknown.count, next < Self.concurrentDetailRequests {
                let index = unknown[next], model = models[index]
                group.addTask { (index, try? await self.describe(model)) }
                next += 1
            }
            for await (index, model) in group {
                if let model {
                    detailed[index] = model
                    descriptions.remember(model)
                }
                if next < unknown.count {
                    let following = unknown[next], model = models[following]
                    group.addTask { (following, try? await self.describe(model)) }
                    next += 1
                }
            }
        }
        return detailed
    }

    /// `model` with its trained context length and capabilities from `/api/show`.
    public func details(of model: ModelInfo) async -> ModelInfo {
        await details(of: [model])[0]
    }

    /// `model` with what `/api/show` says of it; throws when the server does not know it.
    func describe(_ model: ModelInfo) async throws -> ModelInfo {
        let body = JSONBody.encode(OllamaWire.ShowBody(model: model.name))
        let show = try await JSONBody.fetch(OllamaWire.Show.self, request("POST", "/api/show", body: body, timeouts: quickTimeouts), using: transport)
        var detailed = model
        detailed.contextLength = show.contextLength ?? model.contextLength
        detailed.parameterSize = show.details?.parameter_size ?? model.parameterSize
        detailed.quantization = show.details?.quantization_level ?? model.quantization
        detailed.family = show.details?.family ?? model.family
        detailed.capabilities = show.capabilityWords ?? model.capabilities
        return detailed
    }

    public func streamChat(_ chat: ChatRequest) async throws -> ChatStream {
        let body = OllamaWire.ChatBody(
            model: chat.model,
            messages: chat.messages.map { OllamaWire.MessageBody(role: $0.role.rawValue, content: $0.content) },
            stream: chat.stream,
            options: .init(
                temperature: chat.temperature, num_predict: chat.maxTokens, top_p: chat.sampling.topP, seed: chat.sampling.seed,
                stop: chat.sampling.stop.isEmpty ? nil : chat.sampling.stop
            )
        )
        let model = chat.model
        let chatRequest = request("POST", "/api/chat", body: JSONBody.encode(body), timeouts: chatTimeouts)
        return try await ChatStream.start(chatRequest, family: .ollama, using: transport) { [self] in refine($0, model: model) }
    }

    public func checkHealth() async -> HealthReport {
        if let unavailability { return HealthReport(status: unavailability) }
        let start = ContinuousClock.now
        do {
            _ = try await JSONBody.fetch(OllamaWire.Version.self, request("GET", "/api/version", timeouts: quickTimeouts), using: transport)
        } catch let error as ProviderError {
            return HealthReport(status: HealthStatus(state: .down, checkedAt: Date(), reason: refine(error, model: nil).description))
        } catch {
            return HealthReport(status: HealthStatus(state: .down, checkedAt: Date(), reason: "\(error)"))
        }
        let latency = (ContinuousClock.now - start).inSeconds
        do {
            // Described (capabilities, context length) once per model, for the picker.
            let models = await details(of: try await listModels())
            let loaded = (try? await loadedModels()) ?? []
            let status = HealthStatus(
                state: .healthy, checkedAt: Date(), latencySeconds: latency, modelCount: models.count,
                loadedModels: loaded
            )
            return HealthReport(status: status, models: models)
        } catch {
            let reason = (error as? ProviderError).map { refine($0, model: nil).description } ?? "\(error)"
            let status = HealthStatus(state: .degraded, checkedAt: Date(), latencySeconds: latency, reason: reason)
            return HealthReport(status: status)
        }
    }

    /// Ollama's own hints: how to start it, how to pull a model.
    func refine(_ error: ProviderError, model: String?) -> ProviderError {
        var refined = error
        switch error.kind {
        case .modelNotFound:
            if let model {
                refined.message = "model '\(model)' not found on \(id) (\(baseURL))"
                refined.hint = "pull it with 'parley pull \(model)' (or 'ollama pull \(model)')"
            }
        case .unauthorized:
            refined.hint = settings.apiKey == nil
                ? "this Ollama server wants a key; set \(id.settingsPrefix)_API_KEY, or check its proxy"
                : "this Ollama server refused the key; check \(id.settingsPrefix)_API_KEY"
        case .serverError where error.status == 503:
            refined.hint = "Ollama is busy with other requests; try again in a moment"
        default:
            break
        }
        // A proxy in front of Ollama may echo the key, or the URL's user and password, back.
        return refined.redacting((settings.apiKey.map { [$0.revealedForRequest] } ?? []) + (settings.credentials?.secrets ?? []))
    }
}
