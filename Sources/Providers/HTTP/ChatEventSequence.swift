import ChatCore

/// The chat events of one response, decoded as the body streams in and only as fast as they
/// are consumed, so back-pressure reaches the transport. The decoder follows the status and
/// `Content-Type` (protocols.md §1.1): an error status throws its `ProviderError`; NDJSON is
/// Ollama's stream; `text/event-stream` the OpenAI family's; a single JSON object is a
/// non-streamed reply of the given family.
public struct ChatEventSequence: AsyncSequence, Sendable {
    public typealias Element = ChatEvent

    /// Which API family answered, for a non-streamed (`application/json`) reply.
    public enum Family: Sendable {
        case ollama
        case openAI
    }

    private let response: HTTPResponse
    private let family: Family

    public init(response: HTTPResponse, family: Family) {
        self.response = response
        self.family = family
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(response: response, family: family)
    }

    public struct AsyncIterator: ChatEventIterator {
        private enum Decoder {
            case ollama(OllamaChatStreamDecoder)
            case openAI(OpenAIChatStreamDecoder)
            case wholeOpenAIReply([UInt8])
            /// Held while a decoder is taken out to be fed: a decoder left in place would share
            /// its line buffer with the copy being fed, and every append would copy the buffer
            /// (quadratic in the length of a long line).
            case moving
        }

        private let head: HTTPResponseHead
        private var body: HTTPBody.AsyncIterator
        private let bodyHandle: HTTPBody
        private var decoder: Decoder
        private var pending: [ChatEvent] = []
        private var pendingIndex = 0
        private var ended = false
        /// A failure held back until the events decoded before it have been delivered.
        private var deferredError: (any Error)?

        /// Error bodies and whole replies are read up to this size.
        private static let wholeBodyLimit = 16 * 1024 * 1024

        init(response: HTTPResponse, family: Family) {
            head = response.head
            body = response.body.makeAsyncIterator()
            bodyHandle = response.body
            switch (response.head.mediaType, family) {
            case ("application/x-ndjson", _), (_, .ollama):
                decoder = .ollama(OllamaChatStreamDecoder())
            case ("text/event-stream", _):
                decoder = .openAI(OpenAIChatStreamDecoder())
            case (_, .openAI):
                decoder = .wholeOpenAIReply([])
            }
        }

        public mutating func nextInHand() -> ChatEvent? {
            guard head.status < 400, pendingIndex < pending.count else { return nil }
            defer { pendingIndex += 1 }
            return pending[pendingIndex]
        }

        public mutating func next() async throws -> ChatEvent? {
            if head.status >= 400 {
                guard !ended else { return nil }
                ended = true
                let bytes = try await bodyHandle.prefix(upTo: HTTPStatusError.longestBody)
                throw HTTPStatusError.error(head: head, body: bytes)
            }
            while pendingIndex == pending.count {
                pending.removeAll(keepingCapacity: true)
                pendingIndex = 0
                if let error = deferredError {
                    deferredError = nil
                    throw error
                }
                if ended { return nil }
                do {
                    if let chunk = try await body.next() {
                        try decode(chunk)
                    } else {
                        ended = true
                        try finish()
                    }
                } catch {
                    ended = true
                    bodyHandle.cancel()
                    deferredError = error
                }
            }
            defer { pendingIndex += 1 }
            return pending[pendingIndex]
        }

        private mutating func decode(_ chunk: [UInt8]) throws {
            switch decoder {
            case .ollama(var ollama):
                decoder = .moving
                defer { decoder = .ollama(ollama) }
                try ollama.decode(chunk, into: &pending)
            case .openAI(var openAI):
                decoder = .moving
                defer { decoder = .openAI(openAI) }
                try openAI.decode(chunk, into: &pending)
            case .wholeOpenAIReply(var bytes):
                decoder = .moving
                defer { decoder = .wholeOpenAIReply(bytes) }
                bytes += chunk
                guard bytes.count <= Self.wholeBodyLimit else {
                    throw ProviderError(.lineTooLong, "the reply is larger than 16 MiB", hint: "ask for a shorter answer")
                }
            case .moving:
                preconditionFailure("decode re-entered while a chunk is being decoded")
            }
        }

        private mutating func finish() throws {
            switch decoder {
            case .ollama(var ollama):
                try ollama.finish(into: &pending)
            case .openAI(var openAI):
                try openAI.finish(into: &pending)
            case .wholeOpenAIReply(let bytes):
                pending += try OpenAIChatCompletion.events(from: bytes)
            case .moving:
                preconditionFailure("finish called while a chunk is being decoded")
            }
        }
    }
}
