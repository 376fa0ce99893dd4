import ChatCore

/// What a pull from Ollama has done so far, from the status lines of `/api/pull`: the bytes
/// of every layer summed (a layer's `completed` may be missing, or smaller than before: the
/// total never goes backwards), the phase, and the speed and time left over the last seconds.
/// Times are durations on the caller's clock, so the math is tested without waiting.
public struct PullProgress: Sendable, Equatable {
    /// Where the pull is, as Ollama's statuses say it.
    public enum Phase: String, Sendable, Equatable {
        case starting
        case manifest = "pulling manifest"
        case layers = "downloading"
        case verifying = "verifying"
        case writing = "writing manifest"
        case done = "done"
    }

    public private(set) var phase = Phase.starting
    /// Bytes downloaded, summed over the layers seen.
    public private(set) var completed: Int64 = 0
    /// Bytes to download, summed over the layers seen; grows as layers appear.
    public private(set) var total: Int64 = 0
    /// Layers seen so far.
    public var layers: Int { layerBytes.count }

    private struct Layer: Equatable, Sendable {
        var completed: Int64 = 0
        var total: Int64 = 0
    }

    private struct Sample: Equatable, Sendable {
        var at: Duration
        var bytes: Int64
    }

    private var layerBytes: [String: Layer] = [:]
    /// Bytes done over the last `window`, for the speed.
    private var samples: [Sample] = []
    private static let window = Duration.seconds(5)
    /// Layers counted; a model has a handful, a stream naming more is not believed.
    static let mostLayers = 1_000

    public init() {}

    /// One status line of the stream, received at `time`.
    public mutating func take(_ line: PullStatusLine, at time: Duration) {
        let status = line.status ?? ""
        if let digest = line.digest, !digest.isEmpty {
            if var layer = layerBytes[digest] ?? (layerBytes.count < Self.mostLayers ? Layer() : nil) {
                if let total = line.total { layer.total = max(layer.total, total) }
                if let completed = line.completed { layer.completed = max(layer.completed, completed) }
                if layer.total > 0 { layer.completed = min(layer.completed, layer.total) }
                layerBytes[digest] = layer
                // At most `mostLayers` of at most a petabyte each: the sums cannot overflow.
                total = layerBytes.values.reduce(0) { $0 + max($1.total, $1.completed) }
                completed = layerBytes.values.reduce(0) { $0 + $1.completed }
            }
            phase = .layers
        } else if status == "pulling manifest" {
            phase = .manifest
        } else if status.hasPrefix("verifying") {
            phase = .verifying
        } else if status.hasPrefix("writing") || status.hasPrefix("removing") {
            phase = .writing
        } else if status == "success" {
            phase = .done
            completed = total
        }
        // A sample a tenth of a second at most: a server sending lines without end keeps
        // fifty, not millions.
        if let last = samples.last, time - last.at < .milliseconds(100) { return }
        samples.append(Sample(at: time, bytes: completed))
        samples.removeAll { $0.at < time - Self.window }
    }

    /// Done as a fraction of the bytes known so far (0 until a layer says its size).
    public var fraction: Double {
        total > 0 ? Double(completed) / Double(total) : 0
    }

    /// Bytes a second over the last few seconds; nil until two samples are apart in time.
    public var bytesPerSecond: Double? {
        guard let first = samples.first, let last = samples.last, last.at > first.at else { return nil }
        return Double(last.bytes - first.bytes) / (last.at - first.at).inSeconds
    }

    /// Seconds left at the current speed; nil while the speed is unknown or nothing moves.
    public var secondsLeft: Double? {
        guard let speed = bytesPerSecond, speed > 0, phase == .layers else { return nil }
        return Double(total - completed) / speed
    }
}

/// One line of `/api/pull`'s stream; the numbers are range-checked as they are decoded.
public struct PullStatusLine: Decodable, Sendable, Equatable {
    public var status: String?
    public var digest: String?
    public var total: Int64?
    public var completed: Int64?
    public var error: String?

    public init(status: String? = nil, digest: String? = nil, total: Int64? = nil, completed: Int64? = nil, error: String? = nil) {
        self.status = status
        self.digest = digest
        self.total = total
        self.completed = completed
        self.error = error
    }

    private enum CodingKeys: String, CodingKey {
        case status, digest, total, completed, error
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        status = try? container.decodeIfPresent(String.self, forKey: .status)
        digest = try? container.decodeIfPresent(String.self, forKey: .digest)
        total = (try? container.decodeIfPresent(WireNumber.self, forKey: .total))?.flatMap { $0.bytes("total") }
        completed = (try? container.decodeIfPresent(WireNumber.self, forKey: .completed))?.flatMap { $0.bytes("completed") }
        error = try? container.decodeIfPresent(String.self, forKey: .error)
    }
}
