import ChatCore
import Providers
import Testing

@Suite struct LineSplitterTests {
    private func lines(_ chunks: [[UInt8]], maxLineBytes: Int = LineSplitter.defaultMaxLineBytes) throws -> [String] {
        var splitter = LineSplitter(maxLineBytes: maxLineBytes)
        var lines: [String] = []
        for chunk in chunks { try splitter.feed(chunk) { lines.append(String(decoding: $0, as: UTF8.self)) } }
        try splitter.finish { lines.append(String(decoding: $0, as: UTF8.self)) }
        return lines
    }

    @Test func crAtTheEndOfAChunkAndLFAtTheStartOfTheNextAreOneLineEnd() throws {
        #expect(try lines([Array("a\r".utf8), Array("\nb\n".utf8)]) == ["a", "b"])
    }

    @Test func twoCRsAreTwoLineEnds() throws {
        #expect(try lines([Array("a\r".utf8), Array("\rb".utf8)]) == ["a", "", "b"])
    }

    @Test func lastLineWithoutLineEndIsDeliveredAtFinish() throws {
        #expect(try lines([Array("one\ntw".utf8), Array("o".utf8)]) == ["one", "two"])
    }

    @Test func capCountsBytesAcrossChunks() throws {
        #expect(try lines([Array("12345".utf8), Array("678\n".utf8)], maxLineBytes: 8) == ["12345678"])
        #expect(throws: ProviderError.self) {
            try lines([Array("12345".utf8), Array("6789\n".utf8)], maxLineBytes: 8)
        }
    }
}
