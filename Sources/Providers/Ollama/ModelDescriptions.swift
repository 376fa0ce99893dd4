import ChatCore

/// What `/api/show` said of each model, kept by name and size: each model is asked about once,
/// not at every health check, and a model pulled again (a new size) is asked about again.
final class ModelDescriptions: Sendable {
    private struct Key: Hashable {
        var name: String
        var size: Int64?
    }

    private let known = Locked<[Key: ModelInfo]>([:])
    /// A server listing more models than this is asked again rather than remembered whole.
    private static let most = 10_000

    func described(_ model: ModelInfo) -> ModelInfo? {
        known.withLock { $0[Key(name: model.name, size: model.sizeBytes)] }
    }

    func remember(_ model: ModelInfo) {
        known.withLock { known in
            if known.count >= Self.most { known.removeAll() }
            known[Key(name: model.name, size: model.sizeBytes)] = model
        }
    }
}
