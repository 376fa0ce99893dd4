/// The fenced code blocks of an answer's text, as the markdown renderer finds them: a line
/// starting (after spaces) with ``` opens a block and the next such line closes it; a fence
/// still open at the end (a streaming answer) holds the rest.
enum CodeBlocks {
    static func all(in text: String) -> [String] {
        var blocks: [String] = []
        var current: [Substring]?
        for line in MarkdownRenderer.unixLineEnds(text).split(separator: "\n", omittingEmptySubsequences: false) {
            if line.drop(while: { $0 == " " }).hasPrefix("```") {
                if let block = current {
                    blocks.append(block.joined(separator: "\n"))
                    current = nil
                } else {
                    current = []
                }
            } else {
                current?.append(line)
            }
        }
        if let open = current { blocks.append(open.joined(separator: "\n")) }
        return blocks
    }
}
