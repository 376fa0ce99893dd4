import ChatCore
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

    /// The branch `messages` (in order) of the conversation.
    public static func render(_ conversation: StoredConversation, _ messages: [StoredMessage], as format: Format) throws -> String {
        switch format {
        case .markdown: markdown(conversation, messages)
        case .json: try json(conversation, messages, branch: nil)
        }
    }

    /// Every branch of the conversation: `branch`, the one shown, as `render` writes it, then
    /// (Markdown) each other branch from where it leaves the ones before it, or (JSON) every
    /// message with its parent and the ids of the branch shown.
    public static func renderTree(
        _ conversation: StoredConversation, branch: [StoredMessage], all: [StoredMessage], as format: Format
    ) throws -> String {
        guard format == .markdown else { return try json(conversation, all, branch: branch.map(\.id)) }
        let tree = MessageTree(all.map { (id: $0.id, parent: $0.parentID) })
        let byID = Dictionary(all.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var written = Set(branch.map(\.id))
        let leaves = all.filter { (tree.children[$0.id] ?? []).isEmpty && !written.contains($0.id) }
        var text = markdown(conversation, branch)
        for (number, leaf) in leaves.enumerated() {
            let path = tree.branch(through: leaf.id)
            guard let start = path.firstIndex(where: { !written.contains($0) }) else { continue }
            let after = start > 0 ? byID[path[start - 1]].map { " after “\(snippet($0.text))”" } ?? "" : " from the start"
            text += "\n---\n\n# Other branch \(number + 1) of \(leaves.count)\(after)\n\n"
            let messages = path[start...].compactMap { byID[$0] }
            text += sections(messages).joined(separator: "\n")
            written.formUnion(path)
        }
        return text
    }

    private static func snippet(_ text: String) -> String {
        let line = text.split(separator: "\n").first.map(String.init) ?? ""
        return line.count > 40 ? String(line.prefix(39)) + "…" : line
    }

    static func markdown(_ conversation: StoredConversation, _ messages: [StoredMessage]) -> String {
        let outcomes = messages.map { $0.outcome.flatMap { try? JSONDecoder().decode(Outcome.self, from: $0) } }
        let providers = Array(Set(outcomes.compactMap { $0?.answeredBy.map { "\($0.provider):\($0.model)" } })).sorted()
        var usage = UsageTotals()
        for stats in outcomes.compactMap({ $0?.stats }) {
            usage.add(CompletionStats(promptTokens: stats.promptTokens, completionTokens: stats.completionTokens))
        }
        var lines = [
            "---",
            "title: \(yamlString(conversation.title))",
            "id: \(conversation.id)",
            "model: \(yamlString(conversation.model.isEmpty ? "default" : conversation.model))",
            "answered_by: [\(providers.map(yamlString).joined(separator: ", "))]",
            "created: \(UTCDateTime(conversation.createdAt).iso8601)",
            "updated: \(UTCDateTime(conversation.updatedAt).iso8601)",
            "messages: \(messages.filter { $0.kind == "user" || $0.kind == "assistant" }.count)",
            "prompt_tokens: \(usage.promptTokens)",
            "completion_tokens: \(usage.completionTokens)",
        ]
        if let system = conversation.systemPrompt { lines.append("system: \(yamlString(system))") }
        if let temperature = conversation.temperature { lines.append("temperature: \(temperature)") }
        lines += ["---", "", "# \(conversation.title)", ""]
        return (lines + sections(messages)).joined(separator: "\n")
    }

    /// Each message as its heading and text (a note as a quote), lines to join.
    private static func sections(_ messages: [StoredMessage]) -> [String] {
        var lines: [String] = []
        for message in messages {
            let outcome = message.outcome.flatMap { try? JSONDecoder().decode(Outcome.self, from: $0) }
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
        return lines
    }

    static func json(_ conversation: StoredConversation, _ messages: [StoredMessage], branch: [String]?) throws -> String {
        struct Document: Encodable {
            var conversation: StoredConversation
            var messages: [Message]
            /// With every branch: the ids of the one shown, in order.
            var branch: [String]?
        }
        struct Message: Encodable {
            var id: String
            var parent: String?
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
                id: message.id, parent: message.parentID, position: message.position, kind: message.kind, text: message.text,
                thinking: message.thinking.isEmpty ? nil : message.thinking, status: message.status.rawValue,
                target: message.target, outcome: message.outcome.flatMap { try? JSONDecoder().decode(AnyJSON.self, from: $0) }
            )
        }, branch: branch)
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
