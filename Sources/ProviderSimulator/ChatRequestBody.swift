/// The part of a chat request (either family) the simulator reads.
struct ChatRequestBody: Decodable {
    struct Message: Decodable {
        var role: String?
        var content: String?
    }

    /// Ollama's sampling settings, under `options`.
    struct Options: Decodable {
        var stop: [String]?
        var top_p: Double?
        var seed: Int?
    }

    var model: String?
    var messages: [Message]?
    var stream: Bool?
    /// How long the model stays loaded after this request; `0` unloads it at once.
    var keep_alive: JSONKeepAlive?
    var options: Options?
    var stop: [String]?
    var top_p: Double?
    var seed: Int?

    /// The sampling settings asked for, wherever the family puts them.
    var sampling: SimulatedSampling {
        SimulatedSampling(stop: options?.stop ?? stop ?? [], topP: options?.top_p ?? top_p, seed: options?.seed ?? seed)
    }
}

/// Stop sequences, nucleus sampling and seed as the last chat request asked for them, so a
/// test can tell they reached the server.
public struct SimulatedSampling: Sendable, Equatable {
    public var stop: [String]
    public var topP: Double?
    public var seed: Int?

    public init(stop: [String] = [], topP: Double? = nil, seed: Int? = nil) {
        self.stop = stop
        self.topP = topP
        self.seed = seed
    }
}

/// `/api/show`, `/api/pull` and `/api/delete` name their model as `model` (or the older `name`).
struct ModelRequestBody: Decodable {
    var model: String?
    var name: String?
    var stream: Bool?

    var modelName: String? { model ?? name }
}

/// `keep_alive` as Ollama takes it: seconds as a number, or a duration text (`"5m"`, `"0"`).
struct JSONKeepAlive: Decodable {
    let isZero: Bool

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let seconds = try? container.decode(Double.self) {
            isZero = seconds == 0
        } else {
            let text = (try? container.decode(String.self)) ?? ""
            isZero = ["0", "0s", "0m"].contains(text)
        }
    }
}
