import ChatCore

/// A provider that can fetch models on request (Ollama's `/api/pull`).
public protocol ModelPulling: ChatProvider {
    /// Pulls `model`, giving each status line to `progress` as it arrives; returns once the
    /// model is in place, throws a `ProviderError` saying what to do otherwise.
    func pull(_ model: String, progress: (PullStatusLine) -> Void) async throws
}
