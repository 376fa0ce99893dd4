import Foundation

/// Ollama's `/api/chat` NDJSON lines (protocols.md §2.1).
struct OllamaFraming: ReplyFraming {
    let model: String
    private let prefix: [UInt8]

    init(model: String) {
        self.model = model
        let createdAt = Date().formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
        prefix = Array(#"{"model":"#.utf8) + JSONText.quoted(model) + Array(#","created_at":"#.utf8) + JSONText.quoted(createdAt)
    }

    var contentType: String { "application/x-ndjson" }

    func opening() -> [UInt8] { [] }

    func thinking(_ token: [UInt8]) -> [UInt8] {
        prefix + Array(#","message":{"role":"assistant","content":"","thinking":"#.utf8) + JSONText.quoted(token) + Array(#"},"done":false}"#.utf8) + [0x0A]
    }

    func token(_ token: [UInt8]) -> [UInt8] {
        prefix + Array(#","message":{"role":"assistant","content":"#.utf8) + JSONText.quoted(token) + Array(#"},"done":false}"#.utf8) + [0x0A]
    }

    func closing(promptTokens: Int, completionTokens: Int, elapsedNanos: Int64) -> [UInt8] {
        let promptNanos = Int64(promptTokens) * 1_200_000
        let metrics = #","done_reason":"stop","total_duration":\#(elapsedNanos + promptNanos + 1_334_875),"load_duration":1334875,"prompt_eval_count":\#(promptTokens),"prompt_eval_duration":\#(promptNanos),"eval_count":\#(completionTokens),"eval_duration":\#(max(elapsedNanos, 1))}"#
        return prefix + Array(#","message":{"role":"assistant","content":""},"done":true"#.utf8) + Array(metrics.utf8) + [0x0A]
    }

    func errorRecord(_ message: String) -> [UInt8] {
        Array(#"{"error":"#.utf8) + JSONText.quoted(message) + Array("}\n".utf8)
    }

    func absurdClosing() -> [UInt8] {
        let metrics = #","done_reason":"stop","total_duration":-5,"load_duration":1e308,"prompt_eval_count":18446744073709551616,"prompt_eval_duration":1e400,"eval_count":9223372036854775807,"eval_duration":1}"#
        return prefix + Array(#","message":{"role":"assistant","content":""},"done":true"#.utf8) + Array(metrics.utf8) + [0x0A]
    }

    func endlessOpening() -> [UInt8] {
        prefix + Array(#","message":{"role":"assistant","content":""#.utf8)
    }

    func endlessChunk() -> [UInt8] {
        [UInt8](repeating: 0x78, count: 64 * 1024)
    }

    func malformedRecord() -> [UInt8] {
        prefix + Array(#","message":{"role":"assistant","content":"cut he"#.utf8) + [0x0A]
    }

    /// The whole reply as one object, for `stream:false`.
    func wholeReply(content: [UInt8], thinking: [UInt8], promptTokens: Int, completionTokens: Int, elapsedNanos: Int64) -> [UInt8] {
        var message = Array(#","message":{"role":"assistant","content":"#.utf8) + JSONText.quoted(content)
        if !thinking.isEmpty { message += Array(#","thinking":"#.utf8) + JSONText.quoted(thinking) }
        var closing = self.closing(promptTokens: promptTokens, completionTokens: completionTokens, elapsedNanos: elapsedNanos)
        let marker = Array(#","message":{"role":"assistant","content":""}"#.utf8)
        if let range = closing.firstRange(of: marker) {
            closing.replaceSubrange(range, with: message + [0x7D])
        }
        return closing
    }
}
