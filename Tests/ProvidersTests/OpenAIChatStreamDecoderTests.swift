import ChatCore
import Providers
import Testing

@Suite struct OpenAIChatStreamDecoderTests {
    static let fixtures = ["openrouter_chat.sse", "openrouter_error_after_200.sse", "openrouter_truncated.sse", "llamacpp_error_line.sse"]

    @Test func decodesOpenRouterStreamWithCommentsReasoningAndUsage() throws {
        let outcome = FixtureStream.openAI([try FixtureStream.bytes("openrouter_chat.sse")[...]])
        #expect(outcome.error == nil)
        #expect(outcome.thinking == "Thinking briefly.")
        #expect(outcome.text == "Hello, \"world\"\n 你好 🇫🇷 e\u{301}")
        #expect(outcome.events.last == .done(CompletionStats(finishReason: "stop", promptTokens: 10, completionTokens: 4, costUSD: 0.00014)))
    }

    @Test(arguments: fixtures)
    func everySplitPointGivesTheSameOutcome(fixture: String) throws {
        let bytes = try FixtureStream.bytes(fixture)
        let whole = FixtureStream.openAI([bytes[...]])
        for index in 0...bytes.count {
            #expect(FixtureStream.openAI(FixtureStream.split(bytes, at: index)) == whole, "split at \(index)")
        }
        #expect(FixtureStream.openAI(FixtureStream.byteByByte(bytes)) == whole)
    }

    @Test(arguments: fixtures)
    func fastPathAgreesWithFullDecode(fixture: String) throws {
        let bytes = try FixtureStream.bytes(fixture)[...]
        #expect(FixtureStream.openAI([bytes], fastPath: true) == FixtureStream.openAI([bytes], fastPath: false))
    }

    @Test func crlfLineEndsDecodeLikeLF() throws {
        let bytes = try FixtureStream.bytes("openrouter_chat.sse")
        let crlf = bytes.flatMap { $0 == 0x0A ? [0x0D, 0x0A] : [$0] }
        let lf = FixtureStream.openAI([bytes[...]])
        for index in 0...crlf.count {
            #expect(FixtureStream.openAI(FixtureStream.split(crlf, at: index)) == lf, "split at \(index)")
        }
    }

    @Test func errorEventAfter200KeepsPartialTextAndCarriesTheCode() throws {
        var decoder = OpenAIChatStreamDecoder()
        var events: [ChatEvent] = []
        let error = #expect(throws: ProviderError.self) {
            try decoder.decode(try FixtureStream.bytes("openrouter_error_after_200.sse"), into: &events)
        }
        #expect(events == [.text("Part")])
        #expect(error?.kind == .streamError)
        #expect(error?.status == 429)
        #expect(error?.message.contains("Rate limit exceeded") == true)
    }

    @Test func legacyLlamaCppErrorFieldLineIsFatal() throws {
        let outcome = FixtureStream.openAI([try FixtureStream.bytes("llamacpp_error_line.sse")[...]])
        #expect(outcome.text == "Hi")
        #expect(outcome.error == .streamError)
    }

    @Test func errorCodeMayBeAString() {
        var decoder = OpenAIChatStreamDecoder()
        var events: [ChatEvent] = []
        let error = #expect(throws: ProviderError.self) {
            try decoder.decode(Array("data: {\"error\":{\"code\":\"server_error\",\"message\":\"boom\"}}\n\n".utf8), into: &events)
        }
        #expect(error?.message.contains("boom") == true)
        #expect(error?.status == nil)
    }

    @Test func eventTypedErrorIsFatal() {
        var decoder = OpenAIChatStreamDecoder()
        var events: [ChatEvent] = []
        let error = #expect(throws: ProviderError.self) {
            try decoder.decode(Array("event: error\ndata: {\"message\":\"overloaded\"}\n\n".utf8), into: &events)
        }
        #expect(error?.kind == .streamError)
    }

    @Test func oldVLLMErrorObjectIsFatal() {
        var decoder = OpenAIChatStreamDecoder()
        var events: [ChatEvent] = []
        let error = #expect(throws: ProviderError.self) {
            try decoder.decode(Array("data: {\"object\":\"error\",\"message\":\"The model `x` does not exist.\"}\n\n".utf8), into: &events)
        }
        #expect(error?.message.contains("does not exist") == true)
    }

    @Test func finishReasonErrorIsFatal() {
        var decoder = OpenAIChatStreamDecoder()
        var events: [ChatEvent] = []
        #expect(throws: ProviderError.self) {
            try decoder.decode(Array("data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"error\"}]}\n\n".utf8), into: &events)
        }
    }

    @Test func streamWithoutDoneIsTruncatedEvenAfterFinishReason() throws {
        let outcome = FixtureStream.openAI([try FixtureStream.bytes("openrouter_truncated.sse")[...]])
        #expect(outcome.text == "Cut off")
        #expect(outcome.error == .truncatedStream)
        let finishedButNoDone = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"},\"finish_reason\":\"stop\"}]}\n\n"
        #expect(FixtureStream.openAI([Array(finishedButNoDone.utf8)[...]]).error == .truncatedStream)
    }

    @Test func reasoningContentOfLlamaCppIsThinking() {
        let stream = "data: {\"choices\":[{\"delta\":{\"reasoning_content\":\"hmm\"}}]}\n\ndata: [DONE]\n\n"
        #expect(FixtureStream.openAI([Array(stream.utf8)[...]]).events == [.thinking("hmm"), .done(CompletionStats())])
    }

    @Test func malformedPayloadFailsWithClearError() {
        let outcome = FixtureStream.openAI([Array("data: {\"choices\":[{\"delta\":\n\n".utf8)[...]])
        #expect(outcome.error == .malformedStream)
    }

    @Test func lineOverTheCapFails() {
        var decoder = OpenAIChatStreamDecoder(maxLineBytes: 100)
        var events: [ChatEvent] = []
        let error = #expect(throws: ProviderError.self) {
            try decoder.decode(Array(("data: " + String(repeating: "y", count: 200)).utf8), into: &events)
        }
        #expect(error?.kind == .lineTooLong)
    }
}

/// Inputs the fuzzer found (fuzz/findings/sse), pinned.
@Suite struct OpenAIFuzzFindingTests {
    @Test func aKeyGivenTwiceIsReadTheSameWayByTheFastPathAndTheFullDecode() {
        let stream = #"data: {"choices":[{"index":0,"delta":{"role":"assistant","content":"nt","content":"Cut"},"finish_reason":null}]}"# + "\n\n"
            + #"data: {"choices":[{"index":0,"delta":{"content":"a"},"delta":{"content":"b"},"finish_reason":null}]}"# + "\n\n"
            + "data: [DONE]\n\n"
        let bytes = Array(stream.utf8)[...]
        let fast = FixtureStream.openAI([bytes], fastPath: true)
        #expect(fast == FixtureStream.openAI([bytes], fastPath: false))
        #expect(fast.error == nil)
    }
}
