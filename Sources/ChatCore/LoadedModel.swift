import Foundation

/// A model a server holds in memory now (Ollama's `/api/ps`): how big, how much of it on the
/// GPU, and when the server will unload it.
public struct LoadedModel: Hashable, Sendable, Codable {
    public var name: String
    public var sizeBytes: Int64?
    public var gpuBytes: Int64?
    public var unloadsAt: Date?

    public init(name: String, sizeBytes: Int64? = nil, gpuBytes: Int64? = nil, unloadsAt: Date? = nil) {
        self.name = name
        self.sizeBytes = sizeBytes
        self.gpuBytes = gpuBytes
        self.unloadsAt = unloadsAt
    }

    /// The share on the GPU, 0...1; nil when the sizes are unknown.
    public var gpuShare: Double? {
        guard let size = sizeBytes, size > 0, let gpu = gpuBytes else { return nil }
        return min(max(Double(gpu) / Double(size), 0), 1)
    }
}
