import ChatCore
import Foundation
import Providers

/// The body of `POST /v1/chat/completions` as OpenAI defines it, read into a routed request:
/// `model`, `messages`, `temperature`, `max_tokens` (or `max_completion_tokens`), `stream`,
/// `stop`, `top_p`, `seed`. Other fields are ignored. Each field is checked, and a bad one is
/// named in the error.
struct ChatCompletionRequest {
    var routed: RoutedRequest
    var stream: Bool

    /// Reads `body`, or says which field is wrong and why.
    static func parse(_ body: [UInt8]) throws(GatewayError) -> ChatCompletionRequest {
        let object: JSONValue
        do {
            object = try JSONDecoder().decode(JSONValue.self, from: Data(body))
        } catch {
            throw GatewayError.badRequest("the body is not valid JSON", param: nil)
        }
        guard case .object = object else { throw GatewayError.badRequest("the body must be a JSON object", param: nil) }
        guard let model = object["model"]?.string, !model.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw GatewayError.badRequest("model is required: a name such as ollama:llama2, openrouter:openai/gpt-4o, or a bare llama2", param: "model")
        }
        let messages = try Self.messages(object["messages"])
        let temperature = try Self.number(object["temperature"], field: "temperature", in: 0...2)
        let lengthField = object["max_completion_tokens"] == nil ? "max_tokens" : "max_completion_tokens"
        let maxTokens = try Self.integer(object[lengthField], field: lengthField, in: ChatRequest.maxTokensRange)
        let topP = try Self.number(object["top_p"], field: "top_p", in: 0...1)
        let seed = try Self.integer(object["seed"], field: "seed", in: Int(Int32.min)...Int(Int32.max))
        let stop = try Self.stops(object["stop"])
        var stream = false
        if let value = object["stream"] {
            guard case .bool(let flag) = value else { throw GatewayError.badRequest("stream must be true or false", param: "stream") }
            stream = flag
        }
        return ChatCompletionRequest(
            routed: RoutedRequest(
                model: model, messages: messages, temperature: temperature, maxTokens: maxTokens,
                sampling: Sampling(stop: stop, topP: topP, seed: seed)
            ),
            stream: stream
        )
    }

    private static func messages(_ value: JSONValue?) throws(GatewayError) -> [Message] {
        guard case .array(let list)? = value, !list.isEmpty else {
            throw GatewayError.badRequest("messages is required: a list of {role, content}, at least one", param: "messages")
        }
        var messages: [Message] = []
        for (index, message) in list.enumerated() {
            let field = "messages[\(index)]"
            guard case .object = message else {
                throw GatewayError.badRequest("\(field) must be an object with role and content", param: field)
            }
            let role: Role
            switch message["role"]?.string {
            case "system", "developer": role = .system
            case "user": role = .user
            case "assistant": role = .assistant
            case let other:
                throw GatewayError.badRequest("\(field).role must be system, developer, user or assistant, not \(other.map { "'\($0)'" } ?? "missing")", param: "\(field).role")
            }
            messages.append(Message(role: role, content: try content(message["content"], field: "\(field).content")))
        }
        return messages
    }

    /// A string, or a list of text parts joined; other parts (images, audio) are not passed on.
    private static func content(_ value: JSONValue?, field: String) throws(GatewayError) -> String {
        switch value {
        case nil: return ""
        case .string(let text)?: return text
        case .array(let parts)?:
            var text = ""
            for (index, part) in parts.enumerated() {
                guard part["type"]?.string == "text", let piece = part["text"]?.string else {
                    throw GatewayError.badRequest("\(field)[\(index)] must be a text part ({\"type\":\"text\",\"text\":…}); Parley passes on text only", param: "\(field)[\(index)]")
                }
                text += piece
            }
            return text
        default:
            throw GatewayError.badRequest("\(field) must be a string or a list of text parts", param: field)
        }
    }

    private static func number(_ value: JSONValue?, field: String, in range: ClosedRange<Double>) throws(GatewayError) -> Double? {
        guard let value else { return nil }
        guard case .number(let number) = value, range.contains(number) else {
            throw GatewayError.badRequest("\(field) must be a number from \(Self.text(range.lowerBound)) to \(Self.text(range.upperBound))", param: field)
        }
        return number
    }

    private static func integer(_ value: JSONValue?, field: String, in range: ClosedRange<Int>) throws(GatewayError) -> Int? {
        guard let value else { return nil }
        // Range-checked as a Double first: Int(hugeDouble) would trap.
        guard case .number(let number) = value, number == number.rounded(),
              number >= Double(range.lowerBound), number <= Double(range.upperBound) else {
            throw GatewayError.badRequest("\(field) must be a whole number from \(range.lowerBound) to \(range.upperBound)", param: field)
        }
        return Int(number)
    }

    private static func stops(_ value: JSONValue?) throws(GatewayError) -> [String] {
        switch value {
        case nil: return []
        case .string(let one)?: return [one]
        case .array(let list)? where list.count <= Sampling.maxStops && list.allSatisfy({ $0.string != nil }):
            return list.compactMap(\.string)
        default:
            throw GatewayError.badRequest("stop must be a string or a list of at most \(Sampling.maxStops) strings", param: "stop")
        }
    }

    private static func text(_ number: Double) -> String {
        number == number.rounded() ? String(Int(number)) : String(number)
    }
}
