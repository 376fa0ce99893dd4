/// One thing that happens while a reply streams in. Providers yield text, thinking and done;
/// the router adds its retries, skips and fallback hops, so the user sees each as it happens,
/// and ends with the outcome. Every case but the text ones is boxed, so an event is as small
/// as a string: a stream copies one several times per token on its way through the readers.
public enum ChatEvent: Hashable, Sendable {
    /// The next piece of the answer.
    case text(String)
    /// The next piece of the model's reasoning, shown apart from the answer.
    case thinking(String)
    /// The provider says the reply is complete.
    indirect case done(CompletionStats)
    /// A provider is about to be asked (first try, retry or fallback).
    indirect case attempt(ModelTarget)
    /// The same provider will be asked again after a wait.
    indirect case retry(RetryNotice)
    /// A failed provider is left for the next one.
    indirect case fallback(FallbackNotice)
    /// A provider that is down was left out.
    indirect case skipped(SkipNotice)
    /// Every provider that could answer is at its concurrency limit: the request waits.
    indirect case queued(QueueNotice)
    /// The request is over; the last event of a routed stream.
    indirect case completed(ChatOutcome)
}
