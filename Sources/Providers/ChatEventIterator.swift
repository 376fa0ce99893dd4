import ChatCore

/// An iterator of chat events that can hand over the events it already holds without
/// waiting. Readers that pass events on (the chat screen's queue, `parley serve`'s response)
/// take everything in hand after each `next()` and pass it on as one batch: a fast stream
/// then costs one hand-over, and one chain of async calls, per network read instead of per
/// token.
public protocol ChatEventIterator: AsyncIteratorProtocol<ChatEvent, any Error> {
    /// The next event if it is already decoded; nil when getting it means waiting (for the
    /// network or a clock), or when the stream is at its end or failed — `next()` says which.
    /// Never skips an event: what it returns is what `next()` would have returned.
    mutating func nextInHand() -> ChatEvent?
}

/// Any event iterator, read as one that never holds an event in hand.
struct EventsReadOneByOne<Base: AsyncIteratorProtocol<ChatEvent, any Error>>: ChatEventIterator {
    var base: Base

    mutating func nextInHand() -> ChatEvent? { nil }

    mutating func next() async throws -> ChatEvent? {
        try await base.next()
    }
}

extension ChatEventIterator {
    /// The next event and every event in hand after it, in order; nil at the end. Waits only
    /// for the first.
    public mutating func nextBatch() async throws -> [ChatEvent]? {
        guard let first = try await next() else { return nil }
        var batch = [first]
        while let more = nextInHand() { batch.append(more) }
        return batch
    }
}
