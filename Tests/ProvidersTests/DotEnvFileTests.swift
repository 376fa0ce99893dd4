import Providers
import Testing

@Suite struct DotEnvFileTests {
    @Test func readsTheCommonSyntax() {
        let file = DotEnvFile(parsing: """
        # a comment

        PLAIN=value
        export EXPORTED=yes
          SPACED = padded value   
        SINGLE='literal $HOME \\n # not a comment'
        DOUBLE="line1\\nline2 \\"quoted\\" \\\\ back"
        TRAILING=abc # a comment
        HASH=abc#def
        EMPTY=
        QUOTED_COMMENT="x" # after quotes
        EXPANSION=${HOME}/x
        """)
        #expect(file.warnings.isEmpty)
        #expect(file.values == [
            "PLAIN": "value",
            "EXPORTED": "yes",
            "SPACED": "padded value",
            "SINGLE": "literal $HOME \\n # not a comment",
            "DOUBLE": "line1\nline2 \"quoted\" \\ back",
            "TRAILING": "abc",
            "HASH": "abc#def",
            "EMPTY": "",
            "QUOTED_COMMENT": "x",
            "EXPANSION": "${HOME}/x",
        ])
    }

    @Test func crlfFilesReadLikeLF() {
        let file = DotEnvFile(parsing: "A=1\r\nB=\"two\"\r\n# c\r\nC=three # x\r\n")
        #expect(file.values == ["A": "1", "B": "two", "C": "three"])
    }

    @Test func lastDuplicateWins() {
        #expect(DotEnvFile(parsing: "A=1\nA=2\nexport A=3\n").values == ["A": "3"])
    }

    @Test func quotedValuesMaySpanLines() {
        let file = DotEnvFile(parsing: "KEY=\"first\nsecond\"\nNEXT=1\n")
        #expect(file.values == ["KEY": "first\nsecond", "NEXT": "1"])
    }

    @Test func badLinesAreSkippedWithTheirLineNumbers() {
        let file = DotEnvFile(parsing: "A=1\nnot an assignment\nB=\"never closed\nC=3\n")
        #expect(file.values == ["A": "1"])
        #expect(file.warnings.map(\.line) == [2, 3])
        #expect(file.warnings[0].description == "line 2: expected '=' after not")
    }

    @Test func textAfterClosingQuoteIsAWarning() {
        let file = DotEnvFile(parsing: "A=\"x\" y\nB=2\n")
        #expect(file.values == ["B": "2"])
        #expect(file.warnings.first?.line == 1)
    }

    @Test func lineNumbersCountLinesInsideQuotes() {
        let file = DotEnvFile(parsing: "A=\"1\n2\n3\"\n=bad\n")
        #expect(file.warnings.map(\.line) == [4])
    }
}
