/// What the picker can do to a model of a provider that manages its models.
public enum ModelChange: String, Sendable, Equatable {
    case delete
    case load
    case unload

    /// How a note says it was done: "deleted from", "loaded on", "unloaded on".
    var done: String {
        switch self {
        case .delete: "deleted from"
        case .load: "loaded on"
        case .unload: "unloaded on"
        }
    }
}
