import Foundation
import Hummingbird

/// Ollama's native API (protocols.md §2): liveness, version, tags, ps, show, chat, pull, delete.
struct OllamaRoutes: Sendable {
    let state: SimulatorState

    func register(on router: Router<BasicRequestContext>) {
        router.get("/") { _, _ in SimulatedResponse.text("Ollama is running") }
        router.head("/") { _, _ in Response(status: .ok) }
        router.get("/api/version") { _, _ in try SimulatedResponse.jsonEncoding(["version": state.scenario.version]) }
        router.head("/api/version") { _, _ in Response(status: .ok) }
        router.get("/api/tags") { _, _ in try tags() }
        router.get("/api/ps") { _, _ in try loaded() }
        router.post("/api/show") { request, _ in try await show(request) }
        router.post("/api/chat") { request, _ in try await chat(request) }
        router.post("/api/pull") { request, _ in try await pull(request) }
        router.delete("/api/delete") { request, _ in try await delete(request) }
    }

    static func error(_ message: String, status: HTTPResponse.Status) -> Response {
        SimulatedResponse.json(Array(#"{"error":"#.utf8) + JSONText.quoted(message) + [0x7D], status: status)
    }

    static func errorBody(_ status: Int, _ replacement: String? = nil) -> [UInt8] {
        let usual = switch status {
        case 401: "unauthorized"
        case 429: "too many requests"
        case 502: "an error was encountered while running the model: upstream unreachable"
        case 503: "server busy, please try again.  maximum pending requests exceeded"
        default: "llama runner process has terminated: signal: killed"
        }
        let message = replacement ?? usual
        return Array(#"{"error":"#.utf8) + JSONText.quoted(message) + [0x7D]
    }

    private struct Details: Encodable {
        var parent_model = ""
        var format = "gguf"
        var family: String
        var families: [String]
        var parameter_size: String
        var quantization_level: String

        init(_ model: SimulatedModel) {
            family = model.family
            families = [model.family]
            parameter_size = model.parameterSize
            quantization_level = model.quantization
        }
    }

    private struct Tag: Encodable {
        var name: String
        var model: String
        var modified_at = "2025-10-01T12:00:00.000000000Z"
        var size: Int64
        var digest: String
        var details: Details

        init(_ model: SimulatedModel) {
            name = model.name
            self.model = model.name
            size = model.sizeBytes
            digest = Self.digest(of: model.name)
            details = Details(model)
        }

        /// A stable 64-hex-digit digest (FNV-1a, repeated): the same name gives the same digest.
        static func digest(of name: String) -> String {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in name.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
            return String(repeating: String(hash, radix: 16).leftPadded(to: 16), count: 4)
        }
    }

    private func tags() throws -> Response {
        try SimulatedResponse.jsonEncoding(["models": state.scenario.models.map(Tag.init)])
    }

    private struct Loaded: Encodable {
        var name: String
        var model: String
        var size: Int64
        var size_vram: Int64
        var digest: String
        var details: Details
        var expires_at: String
        var context_length: Int
    }

    private func loaded() throws -> Response {
        let models = state.loadedModels().map { model, expires in
            Loaded(
                name: model.name, model: model.name, size: model.sizeBytes, size_vram: model.sizeBytes,
                digest: Tag(model).digest, details: Details(model), expires_at: expires.formatted(.iso8601),
                context_length: model.contextLength
            )
        }
        return try SimulatedResponse.jsonEncoding(["models": models])
    }

    private struct Show: Encodable {
        var modelfile: String
        var parameters = "stop \"<|eot_id|>\""
        var template = "{{ .Prompt }}"
        var details: Details
        var model_info: [String: AnyScalar]
        var capabilities: [String]
        var modified_at = "2025-10-01T12:00:00.000000000Z"
    }

    /// The few JSON scalars `model_info` holds.
    enum AnyScalar: Encodable {
        case int(Int)
        case string(String)

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .int(let value): try container.encode(value)
            case .string(let value): try container.encode(value)
            }
        }
    }

    private func show(_ request: Request) async throws -> Response {
        switch try await SimulatedResponse.decodeBody(ModelRequestBody.self, from: request) {
        case .failure(.missing): return Self.error("missing request body", status: .badRequest)
        case .failure(.invalid(let reason)): return Self.error(reason, status: .badRequest)
        case .success(let body):
            guard let name = body.modelName else { return Self.error("model is required", status: .badRequest) }
            guard let model = state.scenario.model(named: name) else {
                return Self.error("model '\(name)' not found", status: .notFound)
            }
            // A model's header delay slows its details too, as a busy server answers slowly.
            let delay = state.scenario.behavior(for: model.name).headerDelay
            if delay > 0 { try await Task.sleep(for: .seconds(delay)) }
            let info: [String: AnyScalar] = [
                "general.architecture": .string(model.family),
                "\(model.family).context_length": .int(model.contextLength),
                "general.parameter_count": .int(7_000_000_000),
            ]
            return try SimulatedResponse.jsonEncoding(Show(modelfile: "FROM \(model.name)", details: Details(model), model_info: info, capabilities: model.capabilities))
        }
    }

    private func chat(_ request: Request) async throws -> Response {
        let body: ChatRequestBody
        switch try await SimulatedResponse.decodeBody(ChatRequestBody.self, from: request) {
        case .failure(.missing): return Self.error("missing request body", status: .badRequest)
        case .failure(.invalid(let reason)): return Self.error(reason, status: .badRequest)
        case .success(let decoded): body = decoded
        }
        state.recordSampling(body.sampling)
        guard let name = body.model, !name.isEmpty else { return Self.error("model is required", status: .badRequest) }
        guard let model = state.scenario.model(named: name) else {
            return Self.error("model '\(name)' not found", status: .notFound)
        }
        // No messages: a load (or, with keep_alive 0, an unload), answered at once (protocols.md §2.1).
        if body.messages?.isEmpty ?? true {
            let unload = body.keep_alive?.isZero == true
            state.setLoaded(model.name, unload ? false : true)
            let reason = unload ? "unload" : "load"
            return SimulatedResponse.json(Array(#"{"model":"\#(model.name)","created_at":"2025-10-01T12:00:00Z","message":{"role":"assistant","content":""},"done_reason":"\#(reason)","done":true}"#.utf8))
        }
        let behavior = state.behaviorForRequest(model: model.name)
        if let early = try await SimulatedResponse.beforeHeaders(behavior, request: request, errorBody: { Self.errorBody($0, $1) }) { return early }
        let framing = OllamaFraming(model: name)
        let promptTokens = SimulatedResponse.promptTokens((body.messages ?? []).compactMap(\.content))
        guard body.stream ?? true else {
            let script = ReplyScript(behavior: behavior)
            let whole = framing.wholeReply(
                content: script.tokens.flatMap { $0 }, thinking: script.thinking.flatMap { $0 },
                promptTokens: promptTokens, completionTokens: script.tokens.count, elapsedNanos: 1_000_000
            )
            return SimulatedResponse.json(whole)
        }
        let streamer = ReplyStreamer(framing: framing, behavior: behavior, promptTokens: promptTokens)
        return SimulatedResponse.stream(contentType: framing.contentType) { writer in try await streamer.write(to: &writer) }
    }

    private func pull(_ request: Request) async throws -> Response {
        guard case .success(let body) = try await SimulatedResponse.decodeBody(ModelRequestBody.self, from: request),
              let name = body.modelName else {
            return Self.error("model is required", status: .badRequest)
        }
        let scenario = state.scenario
        let pullable = scenario.pullable.map { list in list.contains { SimulatedModel(name: $0).answers(to: name) } } ?? true
        let (steps, dropsAtEnd): ([SimulatedPull.Step], Bool) = pullable
            ? scenario.pull.script()
            : ([.init(line: #"{"status":"pulling manifest"}"#, pauseMilliseconds: 2), .init(line: #"{"error":"pull model manifest: file does not exist"}"#, pauseMilliseconds: 2)], false)
        let succeeds = steps.last?.line == #"{"status":"success"}"#
        let addModel: @Sendable () -> Void = { [state] in
            let canonical = SimulatedModel.canonical(name)
            state.updateModels { models in
                if !models.contains(where: { $0.answers(to: name) }) { models.append(SimulatedModel(name: canonical)) }
            }
        }
        guard body.stream ?? true else {
            if succeeds { addModel() }
            return SimulatedResponse.json(Array((steps.last?.line ?? "{}").utf8))
        }
        return SimulatedResponse.stream(contentType: "application/x-ndjson") { writer in
            for step in steps {
                if step.pauseMilliseconds > 0 { try await Task.sleep(for: .milliseconds(step.pauseMilliseconds)) }
                if step.line == #"{"status":"success"}"# { addModel() }
                try await writer.write(ByteBuffer(string: step.line + "\n"))
            }
            // A dropped pull ends without the chunked terminator: the client sees the cut.
            if dropsAtEnd { throw ReplyStreamer.DroppedConnection() }
            try await writer.finish(nil)
        }
    }

    private func delete(_ request: Request) async throws -> Response {
        guard case .success(let body) = try await SimulatedResponse.decodeBody(ModelRequestBody.self, from: request),
              let name = body.modelName else {
            return Self.error("model is required", status: .badRequest)
        }
        guard state.scenario.model(named: name) != nil else {
            return Self.error("model '\(name)' not found", status: .notFound)
        }
        state.updateModels { $0.removeAll { $0.answers(to: name) } }
        return Response(status: .ok)
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
