import ChatCore
import Providers
import Testing

@Suite struct SSEDecoderTests {
    private func events(_ text: String, chunkSize: Int? = nil) throws -> (events: [SSEEvent], decoder: SSEDecoder) {
        let bytes = Array(text.utf8)
        var decoder = SSEDecoder()
        var events: [SSEEvent] = []
        let size = chunkSize ?? max(bytes.count, 1)
        for start in stride(from: 0, to: bytes.count, by: size) {
            try bytes[start..<min(start + size, bytes.count)].withUnsafeBytes { try decoder.feed($0) { events.append($0) } }
        }
        try decoder.finish { events.append($0) }
        return (events, decoder)
    }

    @Test func dataLinesThatNeverEndTheirEventStopAtTheCapOfALine() throws {
        var decoder = SSEDecoder(maxLineBytes: 1024)
        let line = Array("data: endless, and no blank line ever comes\n".utf8)
        var fed = 0
        let error = #expect(throws: ProviderError.self) {
            while fed < 1_000_000 {
                try line.withUnsafeBytes { try decoder.feed($0) { _ in } }
                fed += line.count
            }
        }
        #expect(error?.kind == .lineTooLong)
        #expect(fed < 2 * 1024)
    }

    @Test func multiLineDataIsJoinedWithNewlines() throws {
        let result = try events("data: first\ndata: second\ndata\n\n")
        #expect(result.events == [SSEEvent(data: "first\nsecond\n")])
    }

    @Test func oneLeadingSpaceIsStrippedAndNoMore() throws {
        let result = try events("data:no space\n\ndata:  two spaces\n\n")
        #expect(result.events.map(\.data) == ["no space", " two spaces"])
    }

    @Test func commentsAreCountedAndIgnored() throws {
        let result = try events(": OPENROUTER PROCESSING\n\n: again\ndata: x\n\n")
        #expect(result.events.map(\.data) == ["x"])
        #expect(result.decoder.commentCount == 2)
    }

    @Test func eventTypeAndIdAndRetryAreRead() throws {
        let result = try events("event: ping\nid: 7\nretry: 1500\ndata: {}\n\ndata: next\n\n")
        #expect(result.events == [SSEEvent(type: "ping", data: "{}", lastEventID: "7"), SSEEvent(data: "next", lastEventID: "7")])
        #expect(result.decoder.retryMilliseconds == 1500)
    }

    @Test func blankLineWithoutDataDispatchesNothing() throws {
        #expect(try events("\n\nevent: x\n\ndata: y\n\n").events == [SSEEvent(data: "y")])
    }

    @Test func allLineEndingsAreEqualInEveryChunking() throws {
        let lf = "data: a\n\n: c\ndata: b\ndata: c\n\n"
        let expected = try events(lf).events
        for ending in ["\r\n", "\r"] {
            let text = lf.replacingOccurrences(of: "\n", with: ending)
            for size in 1...6 {
                #expect(try events(text, chunkSize: size).events == expected, "ending \(ending.debugDescription) size \(size)")
            }
        }
    }

    @Test func byteOrderMarkIsStrippedOnlyAtTheStart() throws {
        let result = try events("\u{FEFF}data: x\n\ndata: \u{FEFF}y\n\n", chunkSize: 1)
        #expect(result.events.map(\.data) == ["x", "\u{FEFF}y"])
    }

    @Test func utf8SplitAcrossChunksSurvives() throws {
        let text = "data: 日本語 🇯🇵 e\u{301}\n\n"
        for size in 1...5 {
            #expect(try events(text, chunkSize: size).events.map(\.data) == ["日本語 🇯🇵 e\u{301}"])
        }
    }

    @Test func eventCutByEndOfStreamIsDeliveredAndFlagged() throws {
        let result = try events("data: complete\n\ndata: partial")
        #expect(result.events.map(\.data) == ["complete", "partial"])
        #expect(result.decoder.endedMidEvent)
    }
}
