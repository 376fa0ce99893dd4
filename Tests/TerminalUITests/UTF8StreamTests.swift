import TerminalUI
import Testing

@Suite struct UTF8StreamTests {
    private func decoded(_ chunks: [[UInt8]]) -> String {
        var stream = UTF8Stream()
        var scalars = String.UnicodeScalarView()
        for chunk in chunks {
            for byte in chunk { stream.feed(byte) { scalars.append($0) } }
        }
        return String(scalars)
    }

    @Test func aSequenceCutBetweenChunksIsFinishedByTheNext() {
        let bytes = Array("a é 日本 👩‍💻 z".utf8)
        let whole = decoded([bytes])
        #expect(whole == "a é 日本 👩‍💻 z")
        for cut in 0...bytes.count {
            #expect(decoded([Array(bytes[..<cut]), Array(bytes[cut...])]) == whole, "cut at \(cut)")
        }
    }

    @Test func invalidBytesBecomeReplacementCharactersAndTheRestSurvives() {
        #expect(decoded([[0x61, 0xFF, 0x62]]) == "a\u{FFFD}b")
        #expect(decoded([[0xC3], [0x61]]) == "\u{FFFD}a")
        #expect(decoded([[0xE6, 0x97], [0xE6, 0x97, 0xA5]]) == "\u{FFFD}日")
    }
}
