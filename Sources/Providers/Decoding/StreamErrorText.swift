import Foundation

/// The error a server put in a body or stream record, in whichever shape it used: a string
/// (Ollama), an object with `message` and a numeric or string `code` (OpenAI family,
/// OpenRouter), or `{"object":"error","message":…}` (older vLLM).
struct StreamErrorText: Decodable, Sendable, Equatable {
    var message: String
    /// OpenRouter puts the HTTP status here even inside a 200 stream.
    var code: Int?

    init(message: String, code: Int?) {
        self.message = message
        self.code = code
    }

    private enum Keys: String, CodingKey {
        case message, code, type
    }

    init(from decoder: any Decoder) throws {
        if let text = try? decoder.singleValueContainer().decode(String.self) {
            self.init(message: text, code: nil)
            return
        }
        let container = try decoder.container(keyedBy: Keys.self)
        let message = try container.decodeIfPresent(String.self, forKey: .message)
        let type = try? container.decodeIfPresent(String.self, forKey: .type)
        var code = try? container.decodeIfPresent(Int.self, forKey: .code)
        if code == nil, let text = try? container.decodeIfPresent(String.self, forKey: .code) { code = Int(text) }
        self.init(message: message ?? type ?? "unknown error", code: code)
    }

    /// The message of a whole error body, or the body itself (trimmed, shortened) when it is
    /// not JSON: gin's `404 page not found`, a proxy's HTML page.
    static func fromBody(_ body: [UInt8]) -> StreamErrorText {
        struct Envelope: Decodable {
            var error: StreamErrorText?
            var object: String?
            var message: String?
        }
        if let envelope = try? JSONDecoder().decode(Envelope.self, from: Data(body)) {
            if let error = envelope.error { return StreamErrorText(message: String(error.message.prefix(300)), code: error.code) }
            if envelope.object == "error", let message = envelope.message { return StreamErrorText(message: String(message.prefix(300)), code: nil) }
        }
        let text = String(decoding: body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return StreamErrorText(message: text.isEmpty ? "(empty body)" : String(text.prefix(300)), code: nil)
    }
}
