/// Request and response bodies of Ollama's native API (protocols.md §2), as Parley uses them.
enum OllamaWire {
    struct ChatBody: Encodable {
        struct Options: Encodable {
            var temperature: Double?
            var num_predict: Int?
            var top_p: Double?
            var seed: Int?
            var stop: [String]?
        }

        var model: String
        var messages: [MessageBody]
        var stream: Bool
        var options: Options
    }

    struct MessageBody: Encodable {
        var role: String
        var content: String
    }

    struct ShowBody: Encodable {
        var model: String
    }

    struct Details: Decodable {
        var family: String?
        var parameter_size: String?
        var quantization_level: String?
    }

    struct Tags: Decodable {
        struct Model: Decodable {
            var name: String
            var size: WireNumber?
            var details: Details?
        }

        /// Ollama may send `null` for an empty list.
        var models: [Model]?
    }

    struct Running: Decodable {
        struct Model: Decodable {
            var name: String
            var size: WireNumber?
            var size_vram: WireNumber?
            var expires_at: String?
        }

        var models: [Model]?
    }

    struct Version: Decodable {
        var version: String
    }

    struct Show: Decodable {
        var details: Details?
        var model_info: [String: JSONScalar]?
        var capabilities: [String]?

        /// The capabilities, a few short words at most: a server's list is not trusted to be small.
        var capabilityWords: [String]? {
            capabilities.map { Array($0.prefix(16).map { String($0.prefix(24)) }) }
        }

        /// The trained context length: `model_info["<architecture>.context_length"]`.
        var contextLength: Int? {
            guard let info = model_info, case .string(let architecture)? = info["general.architecture"],
                  case .number(let length)? = info["\(architecture).context_length"] else { return nil }
            return WireNumber(length).count("context_length")
        }
    }

    /// A `model_info` value: only strings and numbers are read, the rest is skipped.
    enum JSONScalar: Decodable {
        case string(String)
        case number(Double)
        case other

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Double.self) {
                self = .number(number)
            } else if let text = try? container.decode(String.self) {
                self = .string(text)
            } else {
                self = .other
            }
        }
    }
}
