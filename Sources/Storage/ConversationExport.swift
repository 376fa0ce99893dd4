import Foundation

/// A saved conversation as Markdown (front matter of model, providers, dates and token
/// counts, then each message) or as JSON.
public enum ConversationExport {
    public enum Format: String, CaseIterable, Sendable {
        case markdown = "md"
        case json
    }

    /// What of an answer's outcome the export shows; decoded leniently from the stored JSON.
    private struct Outcome: Decodable {
        struct Target: Decodable { var provider: String; var model: String }
        struct Stats: Decodable { var promptTokens: Int?; var completionTokens: Int? }
        var answeredBy: Target?
        var stats: Stats?
        var timeToFirstTokenSeconds: Double?
        var tokensPerSecond: Double?
    }

    public static func render(_ conversation: StoredConversation, _ messages: [StoredMessage], as format: Format) throws -> String {
        switch format {
        case .markdown: markdown(conversation, messages)
        case .json: try json(conversation, messages)
        }
    }

    static func markdown(_ conversation: StoredConversation, _ messages: [StoredMessage]) -> String {
        let outcomes = messages.map { $0.outcome.flatMap { try? JSONDecoder().decode(Outcome.self, from: $0) } }
        let providers = Array(Set(outcomes.compactMap { $0?.answeredBy.map { "\($0.provider):\($0.model)" } })).sorted()
        let prompt = outcomes.compactMap { $0?.stats?.promptTokens }.reduce(0, +)
        let completion = outcomes.compactMap { $0?.stats?.completionTokens }.reduce(0, +)
        let dates = ISO8601DateFormatter()
        var lines = [
            "---",
            "title: \(yamlString(conversation.title))",
            "id: \(conversation.id)",
            "model: \(yamlString(conversation.model.isEmpty ? "default" : conversation.model))",
            "answered_by: [\(providers.map(yamlString).joined(separator: ", "))]",
            "created: \(dates.string(from: conversation.createdAt))",
            "updated: \(dates.string(from: conversation.updatedAt))",
            "messages: \(messages.filter { $0.kind == "user" || $0.kind == "assistant" }.count)",
            "prompt_tokens: \(prompt)",
            "completion_tokens: \(completion)",
        ]
        if let system = conversation.systemPrompt { lines.append("system: \(yamlString(system))") }
        if let temperature = conversation.temperature { lines.append("temperature: \(temperature)") }
        lines += ["---", "", "# \(conversation.title)", ""]
        for (message, outcome) in zip(messages, outcomes) {
            switch message.kind {
            case "user":
                lines += ["## You", "", message.text, ""]
            case "assistant":
                let who = outcome?.answeredBy.map { "\($0.provider):\($0.model)" } ?? message.target ?? "assistant"
                lines += ["## \(who)", "", message.text, ""]
                if message.status == .interrupted { lines += ["*(interrupted: the answer is incomplete)*", ""] }
                if message.status == .stopped { lines += ["*(stopped)*", ""] }
            default:
                lines += ["> \(message.text.replacingOccurrences(of: "\n", with: "\n> "))", ""]
            }
        }
        return lines.joined(separator: "\n")
    }

    static func json(_ conversation: StoredConversation, _ messages: [StoredMessage]) throws -> String {
        struct Document: Encodable {
            var conversation: StoredConversation
            var messages: [Message]
        }
        struct Message: Encodable {
            var position: Int
            var kind: String
            var text: String
            var thinking: String?
            var status: String
            var target: String?
            var outcome: AnyJSON?
        }
        let document = Document(conversation: conversation, messages: messages.map { message in
            Message(
                position: message.position, kind: message.kind, text: message.text,
                thinking: message.thinking.isEmpty ? nil : message.thinking, status: message.status.rawValue,
                target: message.target, outcome: message.outcome.flatMap { try? JSONDecoder().decode(AnyJSON.self, from: $0) }
            )
        })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(document), as: UTF8.self)
    }

    private static func yamlString(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n") + "\""
    }
}

/// Any JSON value, to pass a stored outcome through to an export unchanged.
indirect enum AnyJSON: Codable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([AnyJSON])
    case object([String: AnyJSON])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([AnyJSON].self) { self = .array(value) }
        else { self = .object(try container.decode([String: AnyJSON].self)) }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}
