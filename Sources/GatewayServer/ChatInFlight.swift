import Providers

/// One chat being answered: its routed iterator, read first by the handler (up to the first
/// token) and then by the response body, and its place under the concurrency limit, given
/// back when the chat is dropped, however it ends (done, failed, or a client gone).
final class ChatInFlight: @unchecked Sendable {
    // Sendable is sound: `iterator` is used by one task at a time. The handler reads it until
    // it returns the response; only then does the server call the body writer, which reads it
    // to the end. Nothing else holds this object.
    var iterator: RoutedChatIterator
    private let gate: ConcurrencyGate

    init(_ chat: RoutedChat, gate: ConcurrencyGate) {
        iterator = chat.makeAsyncIterator()
        self.gate = gate
    }

    deinit {
        gate.leave()
    }
}
