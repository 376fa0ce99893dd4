import ChatCore

/// Passes events through and rewrites each `ProviderError` with a provider's own hints
/// (which command to run, which setting to check).
struct ErrorRefiningIterator<Base: ChatEventIterator>: ChatEventIterator {
    var base: Base
    let refine: @Sendable (ProviderError) -> ProviderError

    mutating func nextInHand() -> ChatEvent? { base.nextInHand() }

    mutating func next() async throws -> ChatEvent? {
        do {
            return try await base.next()
        } catch let error as ProviderError {
            throw refine(error)
        }
    }
}
