import ChatCore

extension ChatStream {
    /// Sends a chat request and streams its reply as events of `family`, every failure —
    /// connecting, HTTP status, mid-stream — rewritten by `refine` with the provider's hints.
    static func start(
        _ request: HTTPRequest, family: ChatEventSequence.Family, using transport: any HTTPStreaming,
        refine: @escaping @Sendable (ProviderError) -> ProviderError
    ) async throws -> ChatStream {
        do {
            let response = try await transport.send(request)
            let events = ChatEventSequence(response: response, family: family).makeAsyncIterator()
            return ChatStream(ErrorRefiningIterator(base: events, refine: refine))
        } catch let error as ProviderError {
            throw refine(error)
        }
    }
}

extension HTTPTimeouts {
    /// For chats: connecting and each wait between bytes bounded by the provider's timeout;
    /// the first byte may take `firstByteFactor` times as long, as a server loads the model
    /// before it answers. Derived from the timeout, so a stall before the headers still ends
    /// within a bound the user configured.
    static func chat(_ settings: ProviderSettings, firstByteFactor: Double) -> HTTPTimeouts {
        let timeout = Duration.seconds(settings.timeoutSeconds)
        return HTTPTimeouts(connect: timeout, firstByte: timeout * firstByteFactor, idle: timeout)
    }

    /// For checks and listings: quick questions, ten seconds at most.
    static func quick(_ settings: ProviderSettings) -> HTTPTimeouts {
        let timeout = Duration.seconds(min(settings.timeoutSeconds, 10))
        return HTTPTimeouts(connect: timeout, firstByte: timeout, idle: timeout)
    }
}
