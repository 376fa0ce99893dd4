import ChatCore
import Foundation

extension OllamaProvider {
    public func delete(_ model: String) async throws {
        let deleteRequest = request("DELETE", "/api/delete", body: JSONBody.encode(OllamaWire.ShowBody(model: model)), timeouts: quickTimeouts)
        do {
            let response = try await transport.send(deleteRequest)
            let body = try await response.body.prefix(upTo: HTTPStatusError.longestBody)
            guard response.head.status < 400 else { throw HTTPStatusError.error(head: response.head, body: body) }
        } catch let error as ProviderError {
            throw refine(error, model: model)
        }
    }

    public func load(_ model: String) async throws {
        try await chatWithoutMessages(model, keepAlive: nil)
    }

    public func unload(_ model: String) async throws {
        try await chatWithoutMessages(model, keepAlive: 0)
    }

    private struct LoadBody: Encodable {
        var model: String
        var messages: [String] = []
        var stream = false
        var keep_alive: Int?
    }

    /// A chat with no messages: Ollama loads the model and answers `done_reason: load`, or with
    /// `keep_alive: 0` unloads it (protocols.md §2.1).
    private func chatWithoutMessages(_ model: String, keepAlive: Int?) async throws {
        let body = JSONBody.encode(LoadBody(model: model, keep_alive: keepAlive))
        do {
            let response = try await transport.send(request("POST", "/api/chat", body: body, timeouts: .chat(settings, firstByteFactor: 10)))
            let reply = try await response.body.prefix(upTo: HTTPStatusError.longestBody)
            guard response.head.status < 400 else { throw HTTPStatusError.error(head: response.head, body: reply) }
        } catch let error as ProviderError {
            throw refine(error, model: model)
        }
    }

    public func loadedModels() async throws -> [LoadedModel] {
        do {
            let running = try await JSONBody.fetch(OllamaWire.Running.self, request("GET", "/api/ps", timeouts: quickTimeouts), using: transport)
            return (running.models ?? []).prefix(1_000).map { model in
                LoadedModel(
                    name: model.name, sizeBytes: model.size?.bytes("size"), gpuBytes: model.size_vram?.bytes("size_vram"),
                    unloadsAt: model.expires_at.flatMap(Self.date)
                )
            }
        } catch let error as ProviderError {
            throw refine(error, model: nil)
        }
    }

    public func describe(_ model: String) async throws -> ModelInfo {
        do {
            return try await describe(ModelInfo(provider: id, name: model))
        } catch let error as ProviderError {
            throw refine(error, model: model)
        }
    }

    /// Ollama's `expires_at`: RFC 3339 with nanoseconds and an offset
    /// (`2025-10-01T12:05:00.123456789+02:00`); a year far off means "never".
    private static func date(_ text: String) -> Date? {
        UTCDateTime.date(from: text)
    }
}
