import ChatCore
import Foundation
import HTTPTypes
import Hummingbird
import Providers

/// `POST /v1/chat/completions`: the request routed as the chat screen routes it (retries and
/// fallback before the first token, never after), answered whole or as SSE chunks. Headers go
/// out only once the first token is in, so `x-parley-*` name who really answers.
struct ChatCompletionRoute: Sendable {
    let router: FallbackRouter
    let gate: ConcurrencyGate
    let maxConcurrentChats: Int
    let maxBodyBytes: Int

    func respond(to request: Request) async throws -> Response {
        let body: [UInt8]
        do {
            let buffer = try await request.body.collect(upTo: maxBodyBytes)
            body = Array(buffer.readableBytesView)
        } catch {
            return GatewayResponse.error(.tooLarge(limit: maxBodyBytes))
        }
        let parsed: ChatCompletionRequest
        do {
            parsed = try ChatCompletionRequest.parse(body)
        } catch {
            return GatewayResponse.error(error)
        }
        guard gate.enter() else { return GatewayResponse.error(.busy(limit: maxConcurrentChats)) }
        let chat = ChatInFlight(router.chat(parsed.routed), gate: gate)
        var facts = AnswerFacts(requested: parsed.routed.model)
        // Up to the first token (or the end): routing happens here, and its facts are the headers.
        var first: [ChatEvent] = []
        do {
            while let event = try await chat.iterator.next() {
                if facts.take(event) { continue }
                first.append(event)
                switch event {
                case .text, .thinking, .completed: break
                default: continue
                }
                break
            }
        } catch let error as ProviderError {
            return GatewayResponse.error(GatewayError(error))
        }
        let id = "chatcmpl-" + UUID().uuidString.lowercased()
        let created = Int(Date().timeIntervalSince1970)
        if parsed.stream {
            return stream(chat, first: first, facts: facts, id: id, created: created)
        }
        return await whole(chat, first: first, facts: facts, id: id, created: created)
    }

    /// Reads the rest and answers with one `chat.completion`.
    private func whole(_ chat: ChatInFlight, first: [ChatEvent], facts: AnswerFacts, id: String, created: Int) async -> Response {
        var content = "", reasoning = ""
        var stats: CompletionStats?
        var outcome: ChatOutcome?
        func take(_ event: ChatEvent) {
            switch event {
            case .text(let text): content += text
            case .thinking(let text): reasoning += text
            case .done(let done): stats = done
            case .completed(let done): outcome = done
            default: break
            }
        }
        first.forEach(take)
        do {
            while outcome == nil, let event = try await chat.iterator.next() { take(event) }
        } catch let error as ProviderError {
            return GatewayResponse.error(GatewayError(error))
        } catch {
            return GatewayResponse.error(GatewayError(ProviderError(.cancelled, "cancelled")))
        }
        if let interruption = outcome?.interruption {
            // A whole answer that broke off is not a whole answer: the client hears why.
            return GatewayResponse.error(GatewayError(interruption), facts: facts)
        }
        let body = CompletionBody(
            id: id, created: created, model: facts.answeredBy,
            choices: [.init(message: .init(content: content, reasoning: reasoning.isEmpty ? nil : reasoning), finish_reason: stats?.finishReason ?? "stop")],
            usage: Usage(stats), parley: facts
        )
        return GatewayResponse.json(GatewayJSON.encode(body), facts: facts)
    }

    /// Answers with SSE chunks: the first carries the role and the `parley` facts, the last the
    /// finish reason and usage, then `data: [DONE]`. A stream that breaks after the first token
    /// ends with an `error` event and no `[DONE]`, so the client can tell it was cut.
    private func stream(_ chat: ChatInFlight, first: [ChatEvent], facts: AnswerFacts, id: String, created: Int) -> Response {
        let chunks = ChunkMaker(id: id, created: created, model: facts.answeredBy)
        var headers = GatewayResponse.headers(facts)
        headers[.contentType] = "text/event-stream"
        headers[.cacheControl] = "no-cache"
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            try await Self.write(chat, first: first, facts: facts, chunks: chunks) { bytes in
                try await writer.write(ByteBuffer(bytes: bytes))
            }
            try await writer.finish(nil)
        })
    }

    /// Reads the answer to its end and writes its chunks: the first with the role and the
    /// facts, one per piece of text or reasoning, the last with the finish reason and usage and
    /// `[DONE]` — or an `error` event, without `[DONE]`, when it broke off. The chunks of one
    /// network read's events go out as one write (a write per token would cap a fast stream at
    /// the rate of writes); a client that reads slowly makes the write wait, which stops the
    /// reading and so pauses the transfer from the provider.
    private static func write(_ chat: ChatInFlight, first: [ChatEvent], facts: AnswerFacts, chunks: ChunkMaker, write: ([UInt8]) async throws -> Void) async throws {
        var stats: CompletionStats?
        var batch = chunks.make(.init(role: "assistant", content: ""), parley: facts)
        /// Adds what `event` says to the batch; true when the answer is over.
        func add(_ event: ChatEvent) -> Bool {
            switch event {
            case .text(let text):
                chunks.delta(text, reasoning: false, into: &batch)
            case .thinking(let text):
                chunks.delta(text, reasoning: true, into: &batch)
            case .done(let done):
                stats = done
            case .completed(let outcome):
                if let interruption = outcome.interruption {
                    batch += GatewayResponse.errorEvent(GatewayError(interruption))
                } else {
                    batch += chunks.make(.init(), finish: stats?.finishReason ?? "stop", usage: Usage(stats))
                    batch += Array("data: [DONE]\n\n".utf8)
                }
                return true
            default:
                break
            }
            return false
        }
        var over = false
        for event in first where !over { over = add(event) }
        do {
            while !over {
                try await write(batch)
                batch.removeAll(keepingCapacity: true)
                guard let events = try await chat.iterator.nextBatch() else { break }
                for event in events where !over { over = add(event) }
            }
        } catch let error as ProviderError {
            batch += GatewayResponse.errorEvent(GatewayError(error))
        } catch {
            // Cancelled, or the client is gone: nobody reads this any more.
            return
        }
        if !batch.isEmpty { try await write(batch) }
    }
}

/// Makes the chunks of one streamed answer: same id, time and model on each. A chunk of text
/// is written from a template (the common one, once per token); the rest through the encoder.
struct ChunkMaker: Sendable {
    let id: String
    let created: Int
    let model: String
    /// Everything of a text chunk after its text, in the key order the encoder writes.
    private let tail: [UInt8]

    init(id: String, created: Int, model: String) {
        self.id = id
        self.created = created
        self.model = model
        var tail = Array(#"},"finish_reason":null,"index":0}],"created":\#(created),"id":"#.utf8)
        JSONString.quoted(id, into: &tail)
        tail += Array(#","model":"#.utf8)
        JSONString.quoted(model, into: &tail)
        tail += Array(#","object":"chat.completion.chunk"}"#.utf8) + Array("\n\n".utf8)
        self.tail = tail
    }

    /// A chunk of answer text, or of reasoning, added to `bytes`.
    func delta(_ text: String, reasoning: Bool, into bytes: inout [UInt8]) {
        bytes += (reasoning ? #"data: {"choices":[{"delta":{"reasoning":"# : #"data: {"choices":[{"delta":{"content":"#).utf8
        JSONString.quoted(text, into: &bytes)
        bytes += tail
    }

    func make(_ delta: CompletionChunk.Choice.Delta, finish: String? = nil, usage: Usage? = nil, parley: AnswerFacts? = nil) -> [UInt8] {
        CompletionChunk(id: id, created: created, model: model, choices: [.init(delta: delta, finish_reason: finish)], usage: usage, parley: parley).event
    }
}
