import ChatCore
import Providers
import Testing

@Suite struct OllamaChatStreamDecoderTests {
    @Test func decodesTextThinkingAndFinalMetrics() throws {
        let outcome = FixtureStream.ollama([try FixtureStream.bytes("ollama_chat.ndjson")[...]])
        #expect(outcome.error == nil)
        #expect(outcome.thinking == "Hmm, a greeting.")
        #expect(outcome.text == "The sky is \"blue\"\n — 日本語 🇯🇵 👩‍💻 é😀 tab\t end.")
        let stats = CompletionStats(
            finishReason: "stop", promptTokens: 26, completionTokens: 282, totalDurationNanos: 4_883_583_458,
            loadDurationNanos: 1_334_875, promptDurationNanos: 342_546_000, generationDurationNanos: 4_535_599_000
        )
        #expect(outcome.events.last == .done(stats))
        let speed = try #require(stats.tokensPerSecond)
        #expect(abs(speed - 62.175) < 0.01)
    }

    @Test(arguments: ["ollama_chat.ndjson", "ollama_error_after_200.ndjson", "ollama_truncated.ndjson", "ollama_final_with_content.ndjson"])
    func everySplitPointGivesTheSameOutcome(fixture: String) throws {
        let bytes = try FixtureStream.bytes(fixture)
        let whole = FixtureStream.ollama([bytes[...]])
        for index in 0...bytes.count {
            #expect(FixtureStream.ollama(FixtureStream.split(bytes, at: index)) == whole, "split at \(index)")
        }
        #expect(FixtureStream.ollama(FixtureStream.byteByByte(bytes)) == whole)
    }

    @Test(arguments: ["ollama_chat.ndjson", "ollama_error_after_200.ndjson", "ollama_truncated.ndjson", "ollama_final_with_content.ndjson"])
    func fastPathAgreesWithFullDecode(fixture: String) throws {
        let bytes = try FixtureStream.bytes(fixture)[...]
        #expect(FixtureStream.ollama([bytes], fastPath: true) == FixtureStream.ollama([bytes], fastPath: false))
    }

    @Test func crlfAndLoneCRLineEndsDecodeLikeLF() throws {
        let bytes = try FixtureStream.bytes("ollama_chat.ndjson")
        let lf = FixtureStream.ollama([bytes[...]])
        let crlf = bytes.flatMap { $0 == 0x0A ? [0x0D, 0x0A] : [$0] }
        let cr = bytes.map { $0 == 0x0A ? 0x0D : $0 }
        #expect(FixtureStream.ollama([crlf[...]]) == lf)
        for index in stride(from: 0, through: crlf.count, by: 7) {
            #expect(FixtureStream.ollama(FixtureStream.split(crlf, at: index)) == lf)
        }
        #expect(FixtureStream.ollama([cr[...]]) == lf)
    }

    @Test func leadingByteOrderMarkIsDropped() throws {
        let bytes = [0xEF, 0xBB, 0xBF] + (try FixtureStream.bytes("ollama_final_with_content.ndjson"))
        #expect(FixtureStream.ollama(FixtureStream.byteByByte(bytes)).text == "AB")
    }

    @Test func finalRecordContentIsAppended() throws {
        let outcome = FixtureStream.ollama([try FixtureStream.bytes("ollama_final_with_content.ndjson")[...]])
        #expect(outcome.text == "AB")
        #expect(outcome.events.last == .done(CompletionStats(finishReason: "length", completionTokens: 2)))
    }

    @Test func errorRecordAfter200KeepsThePartialAnswerAndFails() throws {
        let outcome = FixtureStream.ollama([try FixtureStream.bytes("ollama_error_after_200.ndjson")[...]])
        #expect(outcome.text == "Partial answer")
        #expect(outcome.error == .streamError)
    }

    @Test func errorRecordMessageIsShown() throws {
        var decoder = OllamaChatStreamDecoder()
        var events: [ChatEvent] = []
        let error = #expect(throws: ProviderError.self) {
            try decoder.decode(Array(#"{"error":"model runner has unexpectedly stopped"}"#.utf8) + [0x0A], into: &events)
        }
        #expect(error?.description.contains("model runner has unexpectedly stopped") == true)
    }

    @Test func streamWithoutDoneRecordIsTruncated() throws {
        let outcome = FixtureStream.ollama([try FixtureStream.bytes("ollama_truncated.ndjson")[...]])
        #expect(outcome.text == "Cut off")
        #expect(outcome.error == .truncatedStream)
    }

    @Test func malformedLineFailsWithClearError() {
        var decoder = OllamaChatStreamDecoder()
        var events: [ChatEvent] = []
        let line = #"{"model":"x","message":{"role":"assistant","content":"ok"},"done":false}"# + "\n" + #"{"model":"x","message":{"#
        let error = #expect(throws: ProviderError.self) {
            try decoder.decode(Array(line.utf8) + [0x0A], into: &events)
        }
        #expect(error?.kind == .malformedStream)
        #expect(error?.message.contains("not valid JSON") == true)
        #expect(events == [.text("ok")])
    }

    @Test func invalidUTF8BecomesReplacementCharacterOnBothPaths() throws {
        let prefix = Array(#"{"model":"x","created_at":"t","message":{"role":"assistant","content":"a"#.utf8)
        let suffix = Array(#"b"},"done":false}"#.utf8) + [0x0A]
        let bytes = prefix + [0xFF, 0xC3] + suffix
        let final = Array(#"{"done":true}"#.utf8) + [0x0A]
        for fastPath in [true, false] {
            let outcome = FixtureStream.ollama([(bytes + final)[...]], fastPath: fastPath)
            #expect(outcome.text == "a\u{FFFD}\u{FFFD}b")
            #expect(outcome.error == nil)
        }
    }

    @Test func lineOverTheCapFailsInsteadOfGrowing() {
        var decoder = OllamaChatStreamDecoder(maxLineBytes: 1024)
        var events: [ChatEvent] = []
        let chunk = [UInt8](repeating: 0x61, count: 600)
        let error = #expect(throws: ProviderError.self) {
            try decoder.decode(chunk, into: &events)
            try decoder.decode(chunk, into: &events)
        }
        #expect(error?.kind == .lineTooLong)
        #expect(error?.message.contains("longer than") == true)
    }

    @Test func defaultCapAllowsSixteenMebibyteLines() throws {
        let content = String(repeating: "x", count: 16 * 1024 * 1024 - 200)
        let line = #"{"message":{"role":"assistant","content":""# + content + #""},"done":true}"# + "\n"
        let outcome = FixtureStream.ollama([Array(line.utf8)[...]])
        #expect(outcome.error == nil)
        #expect(outcome.text.count == content.count)
    }
}

/// Inputs the fuzzer found (fuzz/findings/ndjson), pinned.
@Suite struct OllamaFuzzFindingTests {
    @Test func aKeyGivenTwiceIsReadTheSameWayByTheFastPathAndTheFullDecode() {
        let line = #"{"model":"m","message":{"role":"assistant","content":" first","content":" second"},"done":false}"# + "\n"
            + #"{"model":"m","message":{"role":"assistant","content":"a"},"message":{"role":"assistant","content":"b"},"done":false}"# + "\n"
            + #"{"model":"m","message":{"role":"assistant","content":"","thinking":"x","thinking":"y"},"done":false}"# + "\n"
            + #"{"model":"m","done":true}"# + "\n"
        let bytes = Array(line.utf8)[...]
        let fast = FixtureStream.ollama([bytes], fastPath: true)
        #expect(fast == FixtureStream.ollama([bytes], fastPath: false))
        #expect(fast.error == nil)
    }
}
