import ChatCore

/// A provider whose models can be managed from Parley: fetched, removed, described, and seen
/// in memory (Ollama: `/api/pull`, `/api/delete`, `/api/show`, `/api/ps`). Every method
/// throws a `ProviderError` that says what to do.
public protocol ModelManaging: ChatProvider {
    /// Pulls `model`, giving each status line to `progress` as it arrives; returns once the
    /// model is in place.
    func pull(_ model: String, progress: (PullStatusLine) -> Void) async throws
    /// Removes `model` from the server's disk.
    func delete(_ model: String) async throws
    /// The models the server holds in memory now.
    func loadedModels() async throws -> [LoadedModel]
    /// What the server says of `model`: size, quantisation, context length, capabilities.
    func describe(_ model: String) async throws -> ModelInfo
    /// Loads `model` into memory now, so that the next prompt does not wait for it.
    func load(_ model: String) async throws
    /// Lets the server drop `model` from memory now.
    func unload(_ model: String) async throws
}
