/// How `/api/pull` plays out: layers summing to `bytes`, their progress interleaved as
/// Ollama downloads them side by side, at `bytesPerSecond` (or quickly), and the fault that
/// cuts the pull halfway.
public struct SimulatedPull: Codable, Sendable, Equatable {
    public enum Fault: String, Codable, Sendable, CaseIterable {
        /// The connection closes halfway, without `success`.
        case dropMidPull = "drop-mid-pull"
        /// Halfway, an error line, as when the registry stops answering.
        case errorMidPull = "error-mid-pull"
        /// Halfway, Ollama's error for a full disk.
        case diskFull = "disk-full"
        /// Progress lines without `completed` (Ollama omits it while 0), and a layer's total
        /// given only on its later lines; the pull still succeeds.
        case missingCompleted = "missing-completed"
    }

    public var layers: Int
    public var bytes: Int64
    /// Nil: ten progress lines per layer, two milliseconds apart.
    public var bytesPerSecond: Double?
    public var fault: Fault?

    public init(layers: Int = 3, bytes: Int64 = 2_019_377_376, bytesPerSecond: Double? = nil, fault: Fault? = nil) {
        self.layers = layers
        self.bytes = bytes
        self.bytesPerSecond = bytesPerSecond
        self.fault = fault
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = SimulatedPull()
        self.init(
            layers: try container.decodeIfPresent(Int.self, forKey: .layers) ?? defaults.layers,
            bytes: try container.decodeIfPresent(Int64.self, forKey: .bytes) ?? defaults.bytes,
            bytesPerSecond: try container.decodeIfPresent(Double.self, forKey: .bytesPerSecond),
            fault: try container.decodeIfPresent(Fault.self, forKey: .fault)
        )
    }

    /// One line to send, after a pause.
    struct Step {
        var line: String
        var pauseMilliseconds: Int
    }

    /// The lines of a pull, and whether the connection then closes without `success`.
    func script() -> (steps: [Step], dropsAtEnd: Bool) {
        let layerCount = min(max(layers, 1), 16)
        let totalBytes = min(max(bytes, 1), 1 << 50)
        // The first layer is the weights, the rest are small (template, license, parameters).
        var sizes = [Int64](repeating: max(1, totalBytes / 1000), count: layerCount)
        sizes[0] = max(1, totalBytes - sizes.dropFirst().reduce(0, +))
        let digests = (0..<layerCount).map { index in
            String(repeating: String(format: "%02x", (index * 37 + 11) % 256), count: 32)
        }
        let updates = 10
        let pause = bytesPerSecond.map { rate in max(1, Int(Double(totalBytes) / max(rate, 1) * 1000 / Double(updates))) } ?? 2
        var steps = [Step(line: #"{"status":"pulling manifest"}"#, pauseMilliseconds: pause)]
        let faultAt = updates / 2
        for update in 1...updates {
            if update > faultAt, let fault, fault != .missingCompleted {
                switch fault {
                case .dropMidPull: return (steps, true)
                case .errorMidPull: steps.append(Step(line: #"{"error":"max retries exceeded: Get \"https://registry.ollama.ai/v2/library/model/blobs/sha256:\#(digests[0])\": dial tcp: i/o timeout"}"#, pauseMilliseconds: pause))
                case .diskFull: steps.append(Step(line: #"{"error":"write /root/.ollama/models/blobs/sha256-\#(digests[0])-partial: no space left on device"}"#, pauseMilliseconds: pause))
                case .missingCompleted: break
                }
                return (steps, false)
            }
            for (index, size) in sizes.enumerated() {
                let done = size * Int64(update) / Int64(updates)
                let short = String(digests[index].prefix(12))
                let plain = fault == .missingCompleted && update == 1
                steps.append(Step(
                    line: plain
                        ? #"{"status":"pulling \#(short)","digest":"sha256:\#(digests[index])"}"#
                        : #"{"status":"pulling \#(short)","digest":"sha256:\#(digests[index])","total":\#(size),"completed":\#(done)}"#,
                    pauseMilliseconds: index == 0 ? pause : 0
                ))
            }
        }
        steps += [
            Step(line: #"{"status":"verifying sha256 digest"}"#, pauseMilliseconds: pause),
            Step(line: #"{"status":"writing manifest"}"#, pauseMilliseconds: pause),
            Step(line: #"{"status":"success"}"#, pauseMilliseconds: pause),
        ]
        return (steps, false)
    }
}
