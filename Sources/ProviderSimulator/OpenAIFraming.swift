import Foundation

/// OpenAI-style SSE chunks (protocols.md §3.2); OpenRouter's flavour adds its
/// `: OPENROUTER PROCESSING` comments and `provider` field.
struct OpenAIFraming: ReplyFraming {
    let model: String
    let openRouterStyle: Bool
    private let prefix: [UInt8]

    init(model: String, openRouterStyle: Bool) {
        self.model = model
        self.openRouterStyle = openRouterStyle
        let id = "gen-\(Int(Date().timeIntervalSince1970))-\(UInt32.random(in: 0...UInt32.max))"
        let provider = openRouterStyle ? #""provider":"Simulator","# : ""
        let head = #"data: {"id":"\#(id)",\#(provider)"model":"#
        prefix = Array(head.utf8) + JSONText.quoted(model) + Array(#","object":"chat.completion.chunk","created":\#(Int(Date().timeIntervalSince1970))"#.utf8)
    }

    var contentType: String { "text/event-stream" }

    static let processingComment = Array(": OPENROUTER PROCESSING\n\n".utf8)

    func opening() -> [UInt8] {
        openRouterStyle ? Self.processingComment : []
    }

    func thinking(_ token: [UInt8]) -> [UInt8] {
        chunk(delta: Array(#"{"role":"assistant","content":"","reasoning":"#.utf8) + JSONText.quoted(token) + [0x7D], finish: nil)
    }

    func token(_ token: [UInt8]) -> [UInt8] {
        chunk(delta: Array(#"{"role":"assistant","content":"#.utf8) + JSONText.quoted(token) + [0x7D], finish: nil)
    }

    func closing(promptTokens: Int, completionTokens: Int, elapsedNanos: Int64) -> [UInt8] {
        let finish = chunk(delta: Array(#"{"role":"assistant","content":""}"#.utf8), finish: "stop")
        let cost = Double(promptTokens) * 0.000003 + Double(completionTokens) * 0.000015
        let usage = prefix + Array(#","choices":[],"usage":{"prompt_tokens":\#(promptTokens),"completion_tokens":\#(completionTokens),"total_tokens":\#(promptTokens + completionTokens),"cost":\#(cost)}}"#.utf8) + Array("\n\n".utf8)
        return finish + usage + Array("data: [DONE]\n\n".utf8)
    }

    func errorRecord(_ message: String) -> [UInt8] {
        prefix + Array(#","error":{"code":502,"message":"#.utf8) + JSONText.quoted(message)
            + Array(#","metadata":{"error_type":"provider_error"}},"choices":[{"index":0,"delta":{"content":""},"finish_reason":"error"}]}"#.utf8)
            + Array("\n\n".utf8)
    }

    func absurdClosing() -> [UInt8] {
        let finish = chunk(delta: Array(#"{"role":"assistant","content":""}"#.utf8), finish: "stop")
        let usage = prefix + Array(#","choices":[],"usage":{"prompt_tokens":1e400,"completion_tokens":9223372036854775807,"total_tokens":-1,"cost":-1e308}}"#.utf8) + Array("\n\n".utf8)
        return finish + usage + Array("data: [DONE]\n\n".utf8)
    }

    func endlessOpening() -> [UInt8] {
        Array("data: {\"endless\":\"".utf8)
    }

    /// `data:` lines, never the blank line that would end the event.
    func endlessChunk() -> [UInt8] {
        Array(("data: " + String(repeating: "x", count: 1018) + "\n").utf8)
    }

    func malformedRecord() -> [UInt8] {
        prefix + Array(#","choices":[{"index":0,"delta":{"content":"cut he"#.utf8) + Array("\n\n".utf8)
    }

    private func chunk(delta: [UInt8], finish: String?) -> [UInt8] {
        let reason = finish.map { "\"\($0)\"" } ?? "null"
        return prefix + Array(#","choices":[{"index":0,"delta":"#.utf8) + delta
            + Array(#","finish_reason":\#(reason),"native_finish_reason":\#(reason),"logprobs":null}]}"#.utf8) + Array("\n\n".utf8)
    }

    /// The whole reply as one object, for `stream:false`.
    func wholeReply(content: [UInt8], thinking: [UInt8], promptTokens: Int, completionTokens: Int) -> [UInt8] {
        var message = Array(#"{"role":"assistant","content":"#.utf8) + JSONText.quoted(content)
        if !thinking.isEmpty { message += Array(#","reasoning":"#.utf8) + JSONText.quoted(thinking) }
        message.append(0x7D)
        let body = Array(prefix.dropFirst(6)).replacing(Array(#""object":"chat.completion.chunk""#.utf8), with: Array(#""object":"chat.completion""#.utf8))
        return body + Array(#","choices":[{"index":0,"message":"#.utf8) + message
            + Array(#","finish_reason":"stop"}],"usage":{"prompt_tokens":\#(promptTokens),"completion_tokens":\#(completionTokens),"total_tokens":\#(promptTokens + completionTokens)}}"#.utf8)
    }
}
